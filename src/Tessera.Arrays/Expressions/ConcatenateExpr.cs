namespace Tessera.Arrays.Expressions;

/// <summary>Arrays joined end to end along an existing axis; their blocks are reused as they are.</summary>
internal sealed class ConcatenateExpr<T> : Expr<T>
    where T : unmanaged
{
    public ConcatenateExpr(Expr<T>[] items, int axis)
        : base(JoinShape(items, axis), JoinChunks(items, axis))
    {
        Items = items;
        Axis = axis;
    }

    public Expr<T>[] Items { get; }

    public int Axis { get; }

    public override IReadOnlyList<Expr> Children => Items;

    public override string Name => "concatenate";

    protected override string Describe() => $"axis={Axis}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new ConcatenateExpr<T>([.. children.Cast<Expr<T>>()], Axis);

    private static long[] JoinShape(Expr<T>[] items, int axis)
    {
        var shape = (long[])items[0].Shape.Clone();
        shape[axis] = items.Sum(i => i.Shape[axis]);
        return shape;
    }

    private static long[][] JoinChunks(Expr<T>[] items, int axis)
    {
        var chunks = (long[][])items[0].Chunks.Clone();
        chunks[axis] = [.. items.SelectMany(i => i.Chunks[axis])];
        return chunks;
    }
}
