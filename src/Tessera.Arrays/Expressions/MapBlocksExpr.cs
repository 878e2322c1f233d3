namespace Tessera.Arrays.Expressions;

/// <summary>A user function applied to each block; the result blocks must have the declared chunks.</summary>
internal sealed class MapBlocksExpr<TIn, TOut> : Expr<TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    public MapBlocksExpr(Expr<TIn> child, Func<NDArray<TIn>, NDArray<TOut>> function, string functionToken, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Child = child;
        Function = function;
        FunctionToken = functionToken;
    }

    public Expr<TIn> Child { get; }

    public Func<NDArray<TIn>, NDArray<TOut>> Function { get; }

    public string FunctionToken { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => "map-blocks";

    protected override string Describe() => FunctionToken;

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new MapBlocksExpr<TIn, TOut>((Expr<TIn>)children[0], Function, FunctionToken, Shape, Chunks);
}
