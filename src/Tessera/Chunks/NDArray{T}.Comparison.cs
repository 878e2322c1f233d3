namespace Tessera;

/// <summary>Elementwise comparisons producing bool arrays.</summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>this == other elementwise, with broadcasting. Works for bool too.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> Equal(NDArray<T> other) => Compare(CompareOp.Equal, other, "Equal");

    /// <summary>this == scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> Equal(T scalar) => CompareScalar(CompareOp.Equal, scalar, "Equal");

    /// <summary>this != other elementwise, with broadcasting. Works for bool too.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> NotEqual(NDArray<T> other) => Compare(CompareOp.NotEqual, other, "NotEqual");

    /// <summary>this != scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> NotEqual(T scalar) => CompareScalar(CompareOp.NotEqual, scalar, "NotEqual");

    /// <summary>this &lt; other elementwise, with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> Less(NDArray<T> other) => Compare(CompareOp.Less, other, "Less");

    /// <summary>this &lt; scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> Less(T scalar) => CompareScalar(CompareOp.Less, scalar, "Less");

    /// <summary>this &lt;= other elementwise, with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> LessOrEqual(NDArray<T> other) => Compare(CompareOp.LessOrEqual, other, "LessOrEqual");

    /// <summary>this &lt;= scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> LessOrEqual(T scalar) => CompareScalar(CompareOp.LessOrEqual, scalar, "LessOrEqual");

    /// <summary>this &gt; other elementwise, with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> Greater(NDArray<T> other) => Compare(CompareOp.Greater, other, "Greater");

    /// <summary>this &gt; scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> Greater(T scalar) => CompareScalar(CompareOp.Greater, scalar, "Greater");

    /// <summary>this &gt;= other elementwise, with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<bool> GreaterOrEqual(NDArray<T> other) => Compare(CompareOp.GreaterOrEqual, other, "GreaterOrEqual");

    /// <summary>this &gt;= scalar elementwise.</summary>
    /// <param name="scalar">Scalar.</param>
    public NDArray<bool> GreaterOrEqual(T scalar) => CompareScalar(CompareOp.GreaterOrEqual, scalar, "GreaterOrEqual");

    private NDArray<bool> CompareScalar(CompareOp op, T scalar, string name)
    {
        using var s = NDArray.Scalar(scalar);
        return Compare(op, s, name);
    }

    private NDArray<bool> Compare(CompareOp op, NDArray<T> other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (DTypeInfo<T>.IsBool && op is CompareOp.Equal or CompareOp.NotEqual)
        {
            using var x = ReinterpretForReading<byte>();
            using var y = other.ReinterpretForReading<byte>();
            return op == CompareOp.Equal ? x.Equal(y) : x.NotEqual(y);
        }

        var ops = NumericOps<T>.Require(name);
        ThrowIfDisposed();
        other.ThrowIfDisposed();
        var shape = Shapes.Broadcast(_shape, other._shape, name);
        var result = NDArray.Allocate<bool>(shape, clear: false, name);
        var lo = result.CurrentLayout;
        var la = CurrentLayout;
        var lb = other.CurrentLayout;
        var aStrides = Shapes.BroadcastStrides(_shape, la.Strides, shape, name);
        var bStrides = Shapes.BroadcastStrides(other._shape, lb.Strides, shape, name);
        if (result.Size > 0 && IsZero(aStrides) && IsZero(bStrides))
        {
            // Both operands read one value everywhere (constants, broadcast scalars): compare once, then fill.
            bool r;
            ops.Compare(op, la.Base, 0, lb.Base, 0, &r, 0, 1);
            result.Fill(r);
        }
        else
        {
            var v = new CompareVisitor { Ops = ops, Op = op, O = lo.Base, A = la.Base, B = lb.Base };
            StridedLoop.ForEachRun(shape, [lo.Strides, aStrides, bStrides], ref v);
        }

        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return result;
    }

    private struct CompareVisitor : IRunVisitor
    {
        public NumericOps<T> Ops;
        public CompareOp Op;
        public bool* O;
        public T* A;
        public T* B;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length) =>
            Ops.Compare(Op, A + offsets[1], strides[1], B + offsets[2], strides[2], O + offsets[0], strides[0], length);
    }
}
