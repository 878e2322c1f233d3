namespace Tessera.Arrays.Expressions;

/// <summary>Blocks built by a user function from their block index; only needed blocks are ever built.</summary>
internal sealed class FunctionSourceExpr<T> : Expr<T>
    where T : unmanaged
{
    public FunctionSourceExpr(Func<BlockInfo, NDArray<T>> function, string functionToken, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Function = function;
        FunctionToken = functionToken;
    }

    public Func<BlockInfo, NDArray<T>> Function { get; }

    public string FunctionToken { get; }

    public override IReadOnlyList<Expr> Children => [];

    public override string Name => "from-function";

    protected override string Describe() =>
        $"{FunctionToken};{string.Join(",", Shape)};{string.Join(";", Chunks.Select(c => string.Join(",", c)))}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
