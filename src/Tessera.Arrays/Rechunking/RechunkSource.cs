namespace Tessera.Arrays;

/// <summary>One contribution of an old block to a new block during a rechunk.</summary>
/// <param name="OldBlock">Index of the old block (one entry per axis).</param>
/// <param name="Slices">Per axis, the contiguous local range to take from the old block.</param>
/// <param name="TargetOffset">Per axis, where the piece lands inside the new block (elements).</param>
internal sealed record RechunkSource(int[] OldBlock, AxisSlice[] Slices, long[] TargetOffset);
