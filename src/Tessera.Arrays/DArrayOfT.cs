using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

/// <summary>
/// A lazy n-dimensional array made of <see cref="NDArray{T}"/> blocks (a dask.array): operations
/// build an expression; <see cref="ComputeAsync"/> optimises it (slices pushed down, elementwise
/// chains fused), lowers it to a task graph and runs it on the current scheduler.
/// </summary>
/// <typeparam name="T">The element type (an unmanaged number type or <see cref="bool"/>).</typeparam>
public sealed partial class DArray<T>
    where T : unmanaged
{
    internal DArray(Expr<T> expr)
    {
        Expr = expr;
    }

    internal Expr<T> Expr { get; }

    /// <summary>Gets the length of each axis, in elements.</summary>
    public IReadOnlyList<long> Shape => Expr.Shape;

    /// <summary>Gets the number of axes.</summary>
    public int NDim => Expr.NDim;

    /// <summary>Gets the number of elements.</summary>
    public long Size => Expr.Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Gets the chunk sizes along each axis, in elements (Dask's <c>.chunks</c>).</summary>
    public Chunks Chunks => new(Expr.Chunks);

    /// <summary>Gets the number of blocks along each axis (Dask's <c>.numblocks</c>).</summary>
    public IReadOnlyList<int> NumBlocks => Expr.BlocksPerAxis;

    /// <summary>Gets the number of blocks in all.</summary>
    public long BlockCount => Expr.BlockCount;

    /// <summary>Gets the NumPy name of the element type ("int64", "float64", "bool" …).</summary>
    public string DType => DTypes.Name<T>();

    /// <summary>Gets the size of one element, in bytes.</summary>
    public int ItemSize => DTypes.ItemSize<T>();

    /// <summary>Gets the size of the whole array, in bytes.</summary>
    public long NBytes => Size * ItemSize;

    /// <summary>
    /// The same values cut into new blocks, through intermediate chunkings when a direct rechunk
    /// would need blocks over <paramref name="memoryLimitBytes"/> (as Dask's planner does).
    /// </summary>
    /// <param name="chunks">A block shape (-1 = the whole axis), per-axis sizes, one size for all axes, or "auto".</param>
    /// <param name="memoryLimitBytes">The largest intermediate block, in bytes; the default is 128 MiB.</param>
    public DArray<T> Rechunk(ChunkSpec chunks, long memoryLimitBytes = RechunkPlanner.DefaultMemoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var target = chunks.Normalize(Expr.Shape, ItemSize, ChunkSpec.DefaultAutoLimitBytes, "DArray.Rechunk");
        var current = new Chunks(Expr.Chunks);
        if (current.Equals(target))
        {
            return this;
        }

        Expr<T> expr = Expr;
        foreach (var step in RechunkPlanner.PlanRechunk(current, target, ItemSize, memoryLimitBytes))
        {
            expr = new RechunkExpr<T>(expr, step.ToArrays());
        }

        return new DArray<T>(expr);
    }

    /// <summary>The same values cut into blocks of this shape (-1 = the whole axis).</summary>
    /// <param name="blockShape">One block size per axis, in elements.</param>
    public DArray<T> Rechunk(params long[] blockShape) => Rechunk(ChunkSpec.BlockShape(blockShape));

    /// <summary>This array with exactly these chunks (no-op when they already match).</summary>
    internal DArray<T> WithChunks(long[][] chunks)
    {
        return Chunks.Same(chunks, Expr.Chunks) ? this : Rechunk(ChunkSpec.PerAxis(chunks));
    }
}
