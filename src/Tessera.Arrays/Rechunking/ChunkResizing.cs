namespace Tessera.Arrays;

/// <summary>One-axis helpers of the rechunk planner: splitting chunks to a maximum width, merging to a maximum count.</summary>
internal static class ChunkResizing
{
    /// <summary>
    /// Minimally splits each chunk so that no chunk is wider than <paramref name="maxWidth"/>; a chunk of width
    /// <c>c</c> becomes <c>ceil(c / maxWidth)</c> near-equal parts (smaller parts first). Zero-size chunks are kept.
    /// </summary>
    /// <param name="chunks">Chunk sizes along one axis.</param>
    /// <param name="maxWidth">Largest allowed size (&gt;= 1).</param>
    public static long[] DivideToWidth(IReadOnlyList<long> chunks, long maxWidth)
    {
        maxWidth = Math.Max(1, maxWidth);
        var result = new List<long>();
        foreach (long chunk in chunks)
        {
            if (chunk == 0)
            {
                result.Add(0);
                continue;
            }

            long c = chunk;
            long parts = (c + maxWidth - 1) / maxWidth;
            for (long i = 0; i < parts; i++)
            {
                long part = c / (parts - i);
                result.Add(part);
                c -= part;
            }
        }

        return [.. result];
    }

    /// <summary>
    /// Minimally merges adjacent chunks so there are at most <paramref name="maxNumber"/>, keeping the widest
    /// chunk as small as possible (repeatedly merging the narrowest adjacent pair; a regular input stays regular).
    /// </summary>
    /// <param name="chunks">Chunk sizes along one axis.</param>
    /// <param name="maxNumber">Largest allowed number of chunks (&gt;= 1).</param>
    public static long[] MergeToNumber(IReadOnlyList<long> chunks, int maxNumber)
    {
        maxNumber = Math.Max(1, maxNumber);
        if (chunks.Count <= maxNumber)
        {
            return [.. chunks];
        }

        long w = chunks[0];
        if (w > 0 && chunks.All(c => c == w))
        {
            long total = chunks.Count * w;
            long width = w * (total / maxNumber / w);
            long adjust = (total - (maxNumber * width)) / w;
            var regular = new long[maxNumber];
            for (int i = 0; i < maxNumber; i++)
            {
                regular[i] = i < adjust ? width + w : width;
            }

            return regular;
        }

        long[] work = [.. chunks];
        bool[] deleted = new bool[work.Length];
        var heap = new PriorityQueue<(int I, int J), (long Width, int I, int J)>();
        for (int i = 0; i + 1 < work.Length; i++)
        {
            heap.Enqueue((i, i + 1), (work[i] + work[i + 1], i, i + 1));
        }

        int merges = work.Length - maxNumber;
        while (merges > 0)
        {
            heap.TryDequeue(out (int I, int J) pair, out (long Width, int I, int J) prio);
            int i = pair.I, j = pair.J;
            if (deleted[i])
            {
                continue;
            }

            if (deleted[j])
            {
                while (deleted[j])
                {
                    j++;
                }

                heap.Enqueue((i, j), (work[i] + work[j], i, j));
                continue;
            }

            if (work[i] + work[j] != prio.Width)
            {
                heap.Enqueue((i, j), (work[i] + work[j], i, j));
                continue;
            }

            deleted[i] = true;
            work[j] = prio.Width;
            merges--;
        }

        return work.Where((_, k) => !deleted[k]).ToArray();
    }
}
