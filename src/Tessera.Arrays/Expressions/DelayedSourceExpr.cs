namespace Tessera.Arrays.Expressions;

/// <summary>One block computed by a user's <see cref="Delayed"/>; its function is opaque, so it runs whole.</summary>
internal sealed class DelayedSourceExpr<T> : Expr<T>
    where T : unmanaged
{
    public DelayedSourceExpr(Delayed source, long[] shape)
        : base(shape, [.. shape.Select(n => new[] { n })])
    {
        Source = source;
    }

    public Delayed Source { get; }

    public override IReadOnlyList<Expr> Children => [];

    public override string Name => "from-value";

    protected override string Describe() => $"{Source.Key};{string.Join(",", Shape)}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
