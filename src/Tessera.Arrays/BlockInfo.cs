namespace Tessera.Arrays;

/// <summary>Where a block lies in its array: what <see cref="DArray.FromFunction{T}"/> passes to the user's function.</summary>
/// <param name="Index">The block's index in the block grid, one entry per axis.</param>
/// <param name="Offset">The global index of the block's first element, one entry per axis.</param>
/// <param name="Shape">The block's shape, in elements.</param>
public sealed record BlockInfo(int[] Index, long[] Offset, long[] Shape);
