namespace Tessera.Arrays.Expressions;

/// <summary>One step of a rechunk plan: the same values cut into new blocks.</summary>
internal sealed class RechunkExpr<T> : Expr<T>
    where T : unmanaged
{
    public RechunkExpr(Expr<T> child, long[][] chunks)
        : base(child.Shape, chunks)
    {
        Child = child;
    }

    public Expr<T> Child { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => "rechunk-merge";

    protected override string Describe() => string.Join(";", Chunks.Select(c => string.Join(",", c)));

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new RechunkExpr<T>((Expr<T>)children[0], Chunks);
}
