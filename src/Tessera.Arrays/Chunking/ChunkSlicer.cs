namespace Tessera.Arrays;

/// <summary>
/// Maps basic (start:stop:step) slices of a chunked array onto its blocks: the chunks of the result and,
/// per output block, the source block and the local slice to take from it. Every source block that
/// contributes at least one element yields exactly one output block (as Dask does), so the output chunks
/// along an axis are the per-block selected counts, in the order they are visited (reversed for negative steps).
/// </summary>
internal static class ChunkSlicer
{
    /// <summary>
    /// Resolves an optional Python-style slice against an axis length, like Python's <c>slice.indices</c>:
    /// negative bounds count from the end, out-of-range bounds are clamped, missing ones take the defaults.
    /// </summary>
    /// <param name="start">Start, or null for the beginning (end when stepping backwards).</param>
    /// <param name="stop">Exclusive stop, or null for past the end (before the beginning when stepping backwards).</param>
    /// <param name="step">Step, or null for 1; must not be 0.</param>
    /// <param name="length">Axis length (&gt;= 0).</param>
    /// <returns>Resolved (start, stop, step) where stop may be -1 for a backwards slice reaching element 0.</returns>
    /// <exception cref="ArgumentException">Step is 0.</exception>
    public static (long Start, long Stop, long Step) Resolve(long? start, long? stop, long? step, long length)
    {
        long st = step ?? 1;
        if (st == 0)
        {
            throw new ArgumentException("slice: step cannot be zero.", nameof(step));
        }

        long lower = st < 0 ? -1 : 0;
        long upper = st < 0 ? length - 1 : length;
        long Clamp(long? v, long dflt)
        {
            if (v is null)
            {
                return dflt;
            }

            long x = v.Value < 0 ? v.Value + length : v.Value;
            return Math.Clamp(x, lower, upper);
        }

        return (Clamp(start, st < 0 ? upper : lower), Clamp(stop, st < 0 ? lower : upper), st);
    }

    /// <summary>Number of elements a resolved slice selects.</summary>
    /// <param name="start">Resolved start.</param>
    /// <param name="stop">Resolved exclusive stop.</param>
    /// <param name="step">Non-zero step.</param>
    public static long Count(long start, long stop, long step) =>
        step > 0
            ? Math.Max(0, (stop - start + step - 1) / step)
            : Math.Max(0, (start - stop + (-step) - 1) / -step);

    /// <summary>Slices one axis with a resolved slice (see <see cref="Resolve"/>).</summary>
    /// <param name="chunks">The chunking.</param>
    /// <param name="axis">The axis to slice.</param>
    /// <param name="start">Resolved start.</param>
    /// <param name="stop">Resolved exclusive stop (-1 allowed for backwards slices).</param>
    /// <param name="step">Non-zero step.</param>
    /// <returns>
    /// The new chunk sizes along the axis and one <see cref="BlockPiece"/> per new chunk. An empty selection
    /// gives the single chunk <c>(0,)</c> with an empty piece of block 0.
    /// </returns>
    public static AxisSlicePlan SliceAxis(Chunks chunks, int axis, long start, long stop, long step)
    {
        IReadOnlyList<long> off = chunks.Offsets(axis);
        int nBlocks = off.Count - 1;
        var pieces = new List<BlockPiece>();
        long count = Count(start, stop, step);
        if (count > 0)
        {
            long last = start + ((count - 1) * step);
            if (step > 0)
            {
                for (int b = chunks.BlockOf(axis, start); b < nBlocks && off[b] <= last; b++)
                {
                    long first = off[b] <= start ? start : start + (CeilDiv(off[b] - start, step) * step);
                    long end = Math.Min(last, off[b + 1] - 1);
                    if (first <= end)
                    {
                        pieces.Add(new BlockPiece(b, new AxisSlice(first - off[b], ((end - first) / step) + 1, step)));
                    }
                }
            }
            else
            {
                long s = -step;
                for (int b = chunks.BlockOf(axis, start); b >= 0 && off[b + 1] - 1 >= last; b--)
                {
                    long top = off[b + 1] - 1;
                    long first = top >= start ? start : start - (CeilDiv(start - top, s) * s);
                    long low = Math.Max(last, off[b]);
                    if (first >= low)
                    {
                        pieces.Add(new BlockPiece(b, new AxisSlice(first - off[b], ((first - low) / s) + 1, step)));
                    }
                }
            }
        }

        if (pieces.Count == 0)
        {
            int src = FindBlockAtOrBefore(off, start);
            return new AxisSlicePlan([0], [new BlockPiece(src, new AxisSlice(0, 0, step))]);
        }

        return new AxisSlicePlan(pieces.Select(p => p.Slice.Count).ToArray(), pieces.ToArray());
    }

    /// <summary>Locates an integer index (Python semantics: negative counts from the end) along one axis.</summary>
    /// <param name="chunks">The chunking.</param>
    /// <param name="axis">The indexed axis (dropped from the result by the caller).</param>
    /// <param name="index">The index, in <c>[-length, length)</c>.</param>
    /// <returns>The block holding the element and the element's local index in it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the axis.</exception>
    public static (int Block, long Local) Index(Chunks chunks, int axis, long index)
    {
        long length = chunks.Offsets(axis)[^1];
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), index, $"index: {index} is out of bounds for axis {axis} with size {length}.");
        }

        int block = chunks.BlockOf(axis, i);
        return (block, i - chunks.Offsets(axis)[block]);
    }

    /// <summary>Slices every axis; <paramref name="slices"/> holds one resolved (start, stop, step) per axis.</summary>
    /// <param name="chunks">The chunking.</param>
    /// <param name="slices">One resolved slice per axis.</param>
    /// <exception cref="ArgumentException">Wrong number of slices.</exception>
    public static SlicePlan Slice(Chunks chunks, IReadOnlyList<(long Start, long Stop, long Step)> slices)
    {
        if (slices.Count != chunks.Rank)
        {
            throw new ArgumentException(
                $"slice: got {slices.Count} slices for chunks {chunks} of rank {chunks.Rank}; expected one per axis.",
                nameof(slices));
        }

        var axes = new AxisSlicePlan[chunks.Rank];
        for (int d = 0; d < chunks.Rank; d++)
        {
            axes[d] = SliceAxis(chunks, d, slices[d].Start, slices[d].Stop, slices[d].Step);
        }

        return new SlicePlan(new Chunks(axes.Select(a => a.NewChunks)), axes);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static int FindBlockAtOrBefore(IReadOnlyList<long> off, long index)
    {
        int b = 0;
        while (b + 1 < off.Count - 1 && off[b + 1] <= index)
        {
            b++;
        }

        return b;
    }
}
