namespace Tessera.Arrays.Expressions;

/// <summary>
/// An associative reduction over some axes, computed as a tree: each block is reduced on its own,
/// then partial results are combined <see cref="SplitEvery"/> at a time until one block remains
/// along every reduced axis.
/// </summary>
internal sealed class ReductionExpr<T> : Expr<T>
    where T : unmanaged
{
    public ReductionExpr(Expr<T> child, ReductionKind kind, int[] axes, bool keepDims, int splitEvery)
        : base(OutShape(child, axes, keepDims), OutChunks(child, axes, keepDims))
    {
        Child = child;
        Kind = kind;
        Axes = axes;
        KeepDims = keepDims;
        SplitEvery = splitEvery;
    }

    public Expr<T> Child { get; }

    public ReductionKind Kind { get; }

    public int[] Axes { get; }

    public bool KeepDims { get; }

    public int SplitEvery { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => Kind.ToString().ToLowerInvariant();

    protected override string Describe() => $"axes={string.Join(",", Axes)};keep={KeepDims};split={SplitEvery}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new ReductionExpr<T>((Expr<T>)children[0], Kind, Axes, KeepDims, SplitEvery);

    private static long[] OutShape(Expr child, int[] axes, bool keepDims) =>
        [.. Enumerable.Range(0, child.NDim)
            .Where(a => keepDims || !axes.Contains(a))
            .Select(a => axes.Contains(a) ? 1 : child.Shape[a])];

    private static long[][] OutChunks(Expr child, int[] axes, bool keepDims) =>
        [.. Enumerable.Range(0, child.NDim)
            .Where(a => keepDims || !axes.Contains(a))
            .Select(a => axes.Contains(a) ? [1L] : child.Chunks[a])];
}
