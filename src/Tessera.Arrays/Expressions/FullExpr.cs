namespace Tessera.Arrays.Expressions;

/// <summary>An array of one repeated value (Ones, Zeros, Full); slicing it only changes its shape.</summary>
internal sealed class FullExpr<T> : Expr<T>, IConstantSource
    where T : unmanaged
{
    public FullExpr(T value, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Value = value;
    }

    public T Value { get; }

    public object BlockConstant(long[] shape) => NDArray.Full(Value, shape);

    public override IReadOnlyList<Expr> Children => [];

    public override string Name => "full";

    protected override string Describe() =>
        $"{Value};{string.Join(",", Shape)};{string.Join(";", Chunks.Select(c => string.Join(",", c)))}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;
}
