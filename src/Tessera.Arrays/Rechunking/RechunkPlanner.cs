namespace Tessera.Arrays;

/// <summary>
/// Plans a rechunk as a sequence of chunkings, in the manner of Dask's planner: when going straight from the
/// old to the new chunks would create too many intermediate pieces (e.g. row blocks to column blocks), first
/// merge blocks along the axes where the target has fewer chunks (bounded by a memory limit per block), and,
/// if the limit stops that, split along the other axes, until the remaining step is cheap.
/// </summary>
/// <remarks>
/// Cost model: a step from <c>a</c> to <c>b</c> creates about <c>prod_d(len(a_d) + len(b_d) - 1)</c> pieces
/// (<c>len(a_d)</c> for unchanged axes). A direct step is kept when that is below
/// <c>threshold * (blocks(old) + blocks(new))</c>. No intermediate chunking has a block larger than
/// <c>max(memoryLimit, largest old block, largest new block)</c>.
/// </remarks>
internal static class RechunkPlanner
{
    /// <summary>Default memory limit per intermediate block: 128 MiB.</summary>
    public const long DefaultMemoryLimitBytes = 128L * 1024 * 1024;

    /// <summary>Default graph growth factor under which no intermediate step is added: 4 (Dask's <c>array.rechunk-threshold</c>).</summary>
    public const double DefaultThreshold = 4;

    /// <summary>
    /// The chunkings to go through, ending with <paramref name="newChunks"/> (a single entry for a direct rechunk).
    /// </summary>
    /// <param name="oldChunks">Current chunking.</param>
    /// <param name="newChunks">Target chunking; same shape.</param>
    /// <param name="itemSize">Bytes per element (&gt; 0).</param>
    /// <param name="memoryLimitBytes">Largest intermediate block in bytes; default 128 MiB (raised to the largest old/new block if smaller).</param>
    /// <param name="threshold">Graph growth factor tolerated for a direct step; default 4.</param>
    /// <exception cref="ArgumentException">Shapes differ or the item size is not positive.</exception>
    public static IReadOnlyList<Chunks> PlanRechunk(
        Chunks oldChunks,
        Chunks newChunks,
        int itemSize,
        long memoryLimitBytes = DefaultMemoryLimitBytes,
        double threshold = DefaultThreshold)
    {
        ChunkIntersection.CheckCompatible(oldChunks, newChunks);
        if (itemSize <= 0)
        {
            throw new ArgumentException($"rechunk: item size must be positive, got {itemSize}.", nameof(itemSize));
        }

        var steps = new List<Chunks>();
        if (oldChunks.Rank <= 1 || oldChunks.Equals(newChunks))
        {
            steps.Add(newChunks);
            return steps;
        }

        long[][] target = newChunks.ToArrays();
        long limit = Math.Max(
            Math.Max(1, memoryLimitBytes / itemSize),
            Math.Max(oldChunks.LargestBlockElements, newChunks.LargestBlockElements));
        double graphThreshold = threshold * (oldChunks.BlockCount + (double)newChunks.BlockCount);

        long[][] current = oldChunks.ToArrays();
        bool firstPass = true;
        while (true)
        {
            double graphSize = EstimateGraphSize(current, target);
            if (graphSize < graphThreshold)
            {
                break;
            }

            long[][] chunks = firstPass ? current : FindSplitRechunk(current, target, graphSize * threshold);
            (chunks, bool limitHit) = FindMergeRechunk(chunks, target, limit);
            if ((!firstPass && Chunks.Same(chunks, current)) || Chunks.Same(chunks, target))
            {
                break;
            }

            if (!Chunks.Same(chunks, current))
            {
                steps.Add(new Chunks(chunks));
            }

            current = chunks;
            if (!limitHit)
            {
                break;
            }

            firstPass = false;
        }

        steps.Add(newChunks);
        return steps;
    }

    /// <summary>Estimated number of pieces a direct step creates: <c>prod_d(len(a_d) + len(b_d) - 1)</c>, or <c>len(a_d)</c> for equal axes.</summary>
    /// <param name="oldChunks">Per-axis old sizes.</param>
    /// <param name="newChunks">Per-axis new sizes.</param>
    public static double EstimateGraphSize(IReadOnlyList<IReadOnlyList<long>> oldChunks, IReadOnlyList<IReadOnlyList<long>> newChunks)
    {
        double size = 1;
        for (int d = 0; d < oldChunks.Count; d++)
        {
            size *= oldChunks[d].SequenceEqual(newChunks[d])
                ? oldChunks[d].Count
                : oldChunks[d].Count + newChunks[d].Count - 1;
        }

        return size;
    }

    /// <summary>
    /// Greedy merge step: adopts the target chunks on axes where it has no more chunks than now, best
    /// graph-reduction-per-memory-growth first, dividing them to fit when the block would exceed
    /// <paramref name="limitElements"/>. Returns whether the limit was hit.
    /// </summary>
    /// <param name="oldChunks">Per-axis current sizes.</param>
    /// <param name="newChunks">Per-axis target sizes.</param>
    /// <param name="limitElements">Largest allowed block in elements.</param>
    public static (long[][] Chunks, bool LimitHit) FindMergeRechunk(long[][] oldChunks, long[][] newChunks, long limitElements)
    {
        int rank = oldChunks.Length;
        long[] oldWidth = oldChunks.Select(c => c.Max()).ToArray();
        long[] newWidth = newChunks.Select(c => c.Max()).ToArray();

        double Key(int d)
        {
            double graphEffect = (double)newChunks[d].Length / oldChunks[d].Length;
            double blockEffect = newWidth[d] / (double)(oldWidth[d] == 0 ? 1 : oldWidth[d]);
            if (blockEffect == 1)
            {
                blockEffect = 1 + 1e-9;
            }

            return blockEffect > 0 ? Math.Log(graphEffect) / Math.Log(blockEffect) : 0;
        }

        IEnumerable<int> candidates = Enumerable.Range(0, rank)
            .Where(d => newChunks[d].Length <= oldChunks[d].Length)
            .OrderBy(Key);

        long[][] chunks = [.. oldChunks];
        Int128 largest = 1;
        foreach (long w in oldWidth)
        {
            largest *= w;
        }

        bool limitHit = false;
        foreach (int d in candidates)
        {
            long oldW = oldWidth[d] == 0 ? 1 : oldWidth[d];
            Int128 grown = largest * newWidth[d] / oldW;
            if (grown <= limitElements)
            {
                chunks[d] = newChunks[d];
                largest = grown;
            }
            else
            {
                long chunkLimit = largest == 0 ? long.MaxValue : (long)Math.Floor((double)limitElements * oldWidth[d] / (double)largest);
                long[] divided = ChunkResizing.DivideToWidth(newChunks[d], chunkLimit);
                if (divided.Length <= oldChunks[d].Length)
                {
                    chunks[d] = divided;
                    largest = largest * divided.Max() / oldW;
                }

                limitHit = true;
            }
        }

        return (chunks, limitHit);
    }

    /// <summary>
    /// Split step: on axes where the target has more chunks, moves towards it (merged down to fit the graph
    /// budget <paramref name="graphSizeLimit"/>) when that gives more, narrower chunks than now.
    /// </summary>
    /// <param name="oldChunks">Per-axis current sizes.</param>
    /// <param name="newChunks">Per-axis target sizes.</param>
    /// <param name="graphSizeLimit">Largest tolerated estimated graph size.</param>
    public static long[][] FindSplitRechunk(long[][] oldChunks, long[][] newChunks, double graphSizeLimit)
    {
        long[][] chunks = [.. oldChunks];
        for (int d = 0; d < oldChunks.Length; d++)
        {
            double graphSize = EstimateGraphSize(chunks, newChunks);
            if (graphSize > graphSizeLimit)
            {
                break;
            }

            if (oldChunks[d].Length > newChunks[d].Length)
            {
                continue;
            }

            int maxNumber = (int)Math.Min(int.MaxValue, Math.Floor(oldChunks[d].Length * graphSizeLimit / graphSize));
            long[] merged = ChunkResizing.MergeToNumber(newChunks[d], maxNumber);
            if (merged.Length >= oldChunks[d].Length && merged.Max() <= oldChunks[d].Max())
            {
                chunks[d] = merged;
            }
        }

        return chunks;
    }

}
