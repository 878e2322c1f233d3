namespace Tessera.Arrays;

/// <summary>The result of slicing every axis of a chunked array.</summary>
/// <param name="NewChunks">Chunks of the sliced array.</param>
/// <param name="Axes">Per-axis plans; output block <c>i</c> along axis <c>d</c> comes from <c>Axes[d].Pieces[i]</c>.</param>
internal sealed record SlicePlan(Chunks NewChunks, IReadOnlyList<AxisSlicePlan> Axes)
{
    /// <summary>The source block index and per-axis local slices for output block <paramref name="outputBlock"/>.</summary>
    /// <param name="outputBlock">Block index in <see cref="NewChunks"/>.</param>
    public (int[] SourceBlock, AxisSlice[] Slices) Source(ReadOnlySpan<int> outputBlock)
    {
        var src = new int[Axes.Count];
        var slices = new AxisSlice[Axes.Count];
        for (int d = 0; d < Axes.Count; d++)
        {
            BlockPiece p = Axes[d].Pieces[outputBlock[d]];
            src[d] = p.Block;
            slices[d] = p.Slice;
        }

        return (src, slices);
    }
}
