namespace Tessera.Arrays.Expressions;

/// <summary>Arrays of one shape and chunking joined along a new axis (one block per input along it).</summary>
internal sealed class StackExpr<T> : Expr<T>
    where T : unmanaged
{
    public StackExpr(Expr<T>[] items, int axis)
        : base(Insert(items[0].Shape, axis, items.Length), Insert(items[0].Chunks, axis, [.. Enumerable.Repeat(1L, items.Length)]))
    {
        Items = items;
        Axis = axis;
    }

    public Expr<T>[] Items { get; }

    public int Axis { get; }

    public override IReadOnlyList<Expr> Children => Items;

    public override string Name => "stack";

    protected override string Describe() => $"axis={Axis}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new StackExpr<T>([.. children.Cast<Expr<T>>()], Axis);

    private static TItem[] Insert<TItem>(TItem[] values, int axis, TItem value)
    {
        var list = values.ToList();
        list.Insert(axis, value);
        return [.. list];
    }
}
