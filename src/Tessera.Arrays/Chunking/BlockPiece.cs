namespace Tessera.Arrays;

/// <summary>A selection inside one block along one axis: which block, and which local elements.</summary>
/// <param name="Block">The block number along the axis.</param>
/// <param name="Slice">The local (in-block) elements selected.</param>
public readonly record struct BlockPiece(int Block, AxisSlice Slice);
