namespace Tessera.Arrays;

/// <summary>The result of slicing one axis: new chunk sizes and, per new chunk, where it comes from.</summary>
/// <param name="NewChunks">Chunk sizes of the result along the axis.</param>
/// <param name="Pieces">Per new chunk (same length as <paramref name="NewChunks"/>): source block and local slice.</param>
internal sealed record AxisSlicePlan(long[] NewChunks, BlockPiece[] Pieces);
