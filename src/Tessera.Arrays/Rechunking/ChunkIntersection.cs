namespace Tessera.Arrays;

/// <summary>Pure functions mapping old chunk boundaries onto new ones (the data movement of a rechunk).</summary>
internal static class ChunkIntersection
{
    /// <summary>
    /// For each axis and each new chunk, the old blocks and contiguous local ranges that make it up, in order.
    /// A zero-size new chunk gets one empty piece (of the old block at its position, or the last one).
    /// </summary>
    /// <param name="oldChunks">Current chunking.</param>
    /// <param name="newChunks">Target chunking; same shape.</param>
    /// <returns><c>[axis][newChunk][piece]</c>.</returns>
    /// <exception cref="ArgumentException">Rank or shape differ.</exception>
    public static BlockPiece[][][] OldToNew(Chunks oldChunks, Chunks newChunks)
    {
        CheckCompatible(oldChunks, newChunks);
        var result = new BlockPiece[oldChunks.Rank][][];
        for (int d = 0; d < oldChunks.Rank; d++)
        {
            result[d] = OldToNew1D(oldChunks[d], newChunks[d]);
        }

        return result;
    }

    /// <summary>One-axis version of <see cref="OldToNew(Chunks, Chunks)"/>.</summary>
    /// <param name="oldSizes">Old chunk sizes along the axis.</param>
    /// <param name="newSizes">New chunk sizes; same sum.</param>
    public static BlockPiece[][] OldToNew1D(IReadOnlyList<long> oldSizes, IReadOnlyList<long> newSizes)
    {
        var result = new BlockPiece[newSizes.Count][];
        int oldIdx = 0;
        long pos = 0;
        for (int n = 0; n < newSizes.Count; n++)
        {
            long remaining = newSizes[n];
            var pieces = new List<BlockPiece>();
            if (remaining == 0)
            {
                int b = Math.Min(oldIdx, oldSizes.Count - 1);
                long at = b == oldIdx ? pos : oldSizes[b];
                pieces.Add(new BlockPiece(b, AxisSlice.Range(at, at)));
            }

            while (remaining > 0)
            {
                while (pos == oldSizes[oldIdx])
                {
                    oldIdx++;
                    pos = 0;
                }

                long take = Math.Min(remaining, oldSizes[oldIdx] - pos);
                pieces.Add(new BlockPiece(oldIdx, AxisSlice.Range(pos, pos + take)));
                pos += take;
                remaining -= take;
            }

            result[n] = [.. pieces];
        }

        return result;
    }

    /// <summary>
    /// Per new block (row-major), the old blocks and slices to assemble it from: the cartesian
    /// product over axes of <see cref="OldToNew(Chunks, Chunks)"/>.
    /// </summary>
    /// <param name="oldChunks">Current chunking.</param>
    /// <param name="newChunks">Target chunking; same shape.</param>
    public static IEnumerable<RechunkBlock> IntersectChunks(Chunks oldChunks, Chunks newChunks)
    {
        BlockPiece[][][] perAxis = OldToNew(oldChunks, newChunks);
        int rank = oldChunks.Rank;
        foreach (int[] newIdx in newChunks.BlockIndices())
        {
            var axisPieces = new BlockPiece[rank][];
            var axisOffsets = new long[rank][];
            for (int d = 0; d < rank; d++)
            {
                axisPieces[d] = perAxis[d][newIdx[d]];
                axisOffsets[d] = new long[axisPieces[d].Length];
                long acc = 0;
                for (int k = 0; k < axisPieces[d].Length; k++)
                {
                    axisOffsets[d][k] = acc;
                    acc += axisPieces[d][k].Slice.Count;
                }
            }

            var sources = new List<RechunkSource>();
            var counter = new int[rank];
            while (true)
            {
                var oldBlock = new int[rank];
                var slices = new AxisSlice[rank];
                var target = new long[rank];
                for (int d = 0; d < rank; d++)
                {
                    oldBlock[d] = axisPieces[d][counter[d]].Block;
                    slices[d] = axisPieces[d][counter[d]].Slice;
                    target[d] = axisOffsets[d][counter[d]];
                }

                sources.Add(new RechunkSource(oldBlock, slices, target));
                int a = rank - 1;
                while (a >= 0 && ++counter[a] == axisPieces[a].Length)
                {
                    counter[a] = 0;
                    a--;
                }

                if (a < 0)
                {
                    break;
                }
            }

            yield return new RechunkBlock(newIdx, sources);
        }
    }

    /// <summary>Throws unless both chunkings have the same rank and shape.</summary>
    /// <param name="oldChunks">Current chunking.</param>
    /// <param name="newChunks">Target chunking.</param>
    public static void CheckCompatible(Chunks oldChunks, Chunks newChunks)
    {
        ArgumentNullException.ThrowIfNull(oldChunks);
        ArgumentNullException.ThrowIfNull(newChunks);
        long[] a = oldChunks.Shape, b = newChunks.Shape;
        if (!a.AsSpan().SequenceEqual(b))
        {
            throw new ArgumentException(
                $"rechunk: cannot change shape {PyTuple.Format(a)} (chunks {oldChunks}) to {PyTuple.Format(b)} (chunks {newChunks}); expected the same shape.",
                nameof(newChunks));
        }
    }
}
