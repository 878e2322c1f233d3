namespace Tessera.Arrays.Slicing;

/// <summary>One output block of a sliced axis: which source block it reads and the selection inside it.</summary>
internal readonly record struct SlicePiece(int SourceBlock, AxisSelection Local);

/// <summary>
/// Pure planning of a slice over chunked axes: output blocks follow the source blocks (as dask's
/// slicing does), so every output block is a selection inside exactly one source block.
/// </summary>
internal static class SlicePlanner
{
    /// <summary>
    /// The pieces along one axis with chunk sizes <paramref name="chunks"/>, in output order (none
    /// for an empty selection); the planning itself is <see cref="ChunkSlicer.SliceAxis"/>'s.
    /// </summary>
    public static SlicePiece[] PlanAxis(long[] chunks, AxisSelection slice)
    {
        if (slice.Length == 0)
        {
            return [];
        }

        var plan = ChunkSlicer.SliceAxis(new Chunks([chunks]), 0, slice.Start, slice.Stop, slice.Step);
        return [.. plan.Pieces.Select(p => new SlicePiece(
            p.Block,
            slice.Drop ? AxisSelection.Index(p.Slice.Start) : AxisSelection.Of(p.Slice.Start, p.Slice.Count, p.Slice.Step)))];
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
