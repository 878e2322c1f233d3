namespace Tessera.Arrays.Expressions;

/// <summary>An expression whose blocks are <c>NDArray&lt;T&gt;</c>.</summary>
internal abstract class Expr<T> : Expr
    where T : unmanaged
{
    protected Expr(long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
    }

    public sealed override Type ElementType => typeof(T);

    public sealed override Lowering.BlockKeys LowerWith(Lowering.GraphLowering lowering) => lowering.LowerTyped(this);

    public sealed override Expr WithChunks(long[][] chunks) => new DArray<T>(this).WithChunks(chunks).Expr;

    public sealed override Expr CreateSlice(Optimization.SlicePushdown.Rewriter rewriter, Slicing.AxisSelection[] slices) =>
        rewriter.Slice(this, slices);
}
