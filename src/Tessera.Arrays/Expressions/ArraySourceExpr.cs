namespace Tessera.Arrays.Expressions;

/// <summary>Blocks cut (as views) from an array already in memory, or from persisted blocks.</summary>
internal sealed class ArraySourceExpr<T> : Expr<T>
    where T : unmanaged
{
    private readonly string _identity;

    public ArraySourceExpr(NDArray<T>? whole, NDArray<T>[]? blocks, long[] shape, long[][] chunks, string name)
        : base(shape, chunks)
    {
        Whole = whole;
        Blocks = blocks;
        Name = name;
        _identity = Guid.NewGuid().ToString("N");
    }

    /// <summary>The in-memory array the blocks are views of, or null when <see cref="Blocks"/> holds them.</summary>
    public NDArray<T>? Whole { get; }

    /// <summary>The blocks themselves (a persisted array), in C order over the block grid.</summary>
    public NDArray<T>[]? Blocks { get; }

    public override IReadOnlyList<Expr> Children => [];

    public override string Name { get; }

    protected override string Describe() => _identity;

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
