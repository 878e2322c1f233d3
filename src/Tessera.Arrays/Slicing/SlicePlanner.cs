namespace Tessera.Arrays.Slicing;

/// <summary>One output block of a sliced axis: which source block it reads and the selection inside it.</summary>
internal readonly record struct SlicePiece(int SourceBlock, AxisSelection Local);

/// <summary>
/// Pure planning of a slice over chunked axes: output blocks follow the source blocks (as dask's
/// slicing does), so every output block is a selection inside exactly one source block.
/// </summary>
internal static class SlicePlanner
{
    /// <summary>The pieces along one axis with chunk sizes <paramref name="chunks"/>, in output order.</summary>
    public static SlicePiece[] PlanAxis(long[] chunks, AxisSelection slice) =>
        slice.Step > 0 ? PlanForward(chunks, slice) : PlanBackward(chunks, slice);

    /// <summary>A negative step: source blocks from the last to the first, each read backwards.</summary>
    private static SlicePiece[] PlanBackward(long[] chunks, AxisSelection slice)
    {
        var pieces = new List<SlicePiece>();
        long blockStop = chunks.Sum();
        for (int b = chunks.Length - 1; b >= 0; b--)
        {
            long blockStart = blockStop - chunks[b];
            long last = blockStop - 1;

            // first selected element at or before the block's last element
            long first = slice.Start <= last
                ? slice.Start
                : slice.Start - (((slice.Start - last + -slice.Step - 1) / -slice.Step) * -slice.Step);
            long bound = Math.Max(blockStart - 1, slice.Stop);
            if (first > bound && first >= blockStart)
            {
                pieces.Add(new SlicePiece(b, new AxisSelection(first - blockStart, bound - blockStart, slice.Step, slice.Drop)));
            }

            blockStop = blockStart;
        }

        return [.. pieces];
    }

    private static SlicePiece[] PlanForward(long[] chunks, AxisSelection slice)
    {
        var pieces = new List<SlicePiece>();
        long blockStart = 0;
        for (int b = 0; b < chunks.Length; b++)
        {
            long blockStop = blockStart + chunks[b];
            // first selected element at or after blockStart
            long first = slice.Start >= blockStart
                ? slice.Start
                : slice.Start + (((blockStart - slice.Start + slice.Step - 1) / slice.Step) * slice.Step);
            long stop = Math.Min(blockStop, slice.Stop);
            if (first < stop)
            {
                pieces.Add(new SlicePiece(b, new AxisSelection(first - blockStart, stop - blockStart, slice.Step, slice.Drop)));
            }

            blockStart = blockStop;
        }

        return [.. pieces];
    }

    /// <summary>The chunk sizes of the sliced axis (empty for a dropped axis).</summary>
    public static long[] OutputChunks(SlicePiece[] pieces, bool drop)
    {
        if (drop)
        {
            return [];
        }

        var sizes = new long[pieces.Length];
        for (int i = 0; i < pieces.Length; i++)
        {
            sizes[i] = pieces[i].Local.Length;
        }

        return sizes;
    }
}
