namespace Tessera.Arrays.Expressions;

/// <summary>Blocks cut (as views) from an array already in memory, or persisted blocks (here, or on a cluster).</summary>
internal sealed class ArraySourceExpr<T> : Expr<T>
    where T : unmanaged
{
    private readonly string _identity;

    public ArraySourceExpr(NDArray<T>? whole, NDArray<T>[]? blocks, long[] shape, long[][] chunks, string name)
        : base(shape, chunks)
    {
        if (whole is null && blocks is null)
        {
            throw new ArgumentException("An array source needs an array or its blocks.", nameof(whole));
        }

        Whole = whole;
        Blocks = blocks;
        Name = name;
        _identity = Guid.NewGuid().ToString("N");
    }

    /// <summary>The in-memory array the blocks are views of, or null when <see cref="Blocks"/> holds them.</summary>
    public NDArray<T>? Whole { get; }

    /// <summary>The blocks themselves (a persisted array), in C order over the block grid.</summary>
    public NDArray<T>[]? Blocks { get; }

    /// <summary>Blocks persisted on a cluster: their keys, in C order over the block grid, held by a distributed client.</summary>
    public Scheduling.HeldKeys? Held { get; }

    /// <summary>Blocks persisted on a cluster (<see cref="Scheduling.IScheduler.PersistAsync"/>): the keys <paramref name="held"/> holds, one per block in C order.</summary>
    public ArraySourceExpr(Scheduling.HeldKeys held, long[] shape, long[][] chunks, string name)
        : base(shape, chunks)
    {
        Held = held;
        Name = name;
        _identity = Guid.NewGuid().ToString("N");
    }

    public override IReadOnlyList<Expr> Children => [];

    public override string Name { get; }

    protected override string Describe() => _identity;

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
