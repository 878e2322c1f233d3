using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>
    /// Applies <paramref name="function"/> to every block together with the block's place in this array (dask's
    /// map_blocks with <c>block_info</c>): its index in the block grid, the global index of its first element, and its
    /// shape. One task per block; blocks keep their shape unless <paramref name="chunks"/> says otherwise.
    /// </summary>
    /// <param name="function">The function of one block and its <see cref="BlockInfo"/>; it must return a block of the declared chunk shape.</param>
    /// <param name="chunks">The chunks of the result, per axis (one entry per block of this array along each axis); the default keeps this array's chunks.</param>
    public DArray<TOut> MapBlocks<TOut>(Func<NDArray<T>, BlockInfo, NDArray<TOut>> function, long[][]? chunks = null)
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(function);
        var outChunks = chunks ?? Expr.Chunks;
        if (outChunks.Length != Expr.NDim || outChunks.Where((c, a) => c.Length != Expr.Chunks[a].Length).Any())
        {
            throw new ArgumentException($"DArray.MapBlocks: the result chunks must have one entry per block of this array along each of its {Expr.NDim} axes.", nameof(chunks));
        }

        var shape = outChunks.Select(c => c.Sum()).ToArray();
        var token = TaskFunction.Create(function).Token;
        return new DArray<TOut>(new MapBlocksInfoExpr<T, TOut>(Expr, function, token, shape, outChunks));
    }
}
