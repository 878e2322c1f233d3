namespace Tessera;

/// <summary>In-place arithmetic, used to accumulate partial results without allocating.</summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>this += other; <paramref name="other"/> must broadcast to this shape.</summary>
    /// <param name="other">Addend.</param>
    public void AddInPlace(NDArray<T> other) => InPlace(BinaryOp.Add, other, "AddInPlace");

    /// <summary>this -= other; <paramref name="other"/> must broadcast to this shape.</summary>
    /// <param name="other">Subtrahend.</param>
    public void SubtractInPlace(NDArray<T> other) => InPlace(BinaryOp.Subtract, other, "SubtractInPlace");

    /// <summary>this *= other; <paramref name="other"/> must broadcast to this shape.</summary>
    /// <param name="other">Factor.</param>
    public void MultiplyInPlace(NDArray<T> other) => InPlace(BinaryOp.Multiply, other, "MultiplyInPlace");

    /// <summary>this /= other; <paramref name="other"/> must broadcast to this shape.</summary>
    /// <param name="other">Divisor.</param>
    public void DivideInPlace(NDArray<T> other) => InPlace(BinaryOp.Divide, other, "DivideInPlace");

    /// <summary>this = min(this, other) elementwise.</summary>
    /// <param name="other">Other operand.</param>
    public void MinimumInPlace(NDArray<T> other) => InPlace(BinaryOp.Min, other, "MinimumInPlace");

    /// <summary>this = max(this, other) elementwise.</summary>
    /// <param name="other">Other operand.</param>
    public void MaximumInPlace(NDArray<T> other) => InPlace(BinaryOp.Max, other, "MaximumInPlace");

    /// <summary>this += scalar.</summary>
    /// <param name="scalar">Addend.</param>
    public void AddInPlace(T scalar) => InPlace(BinaryOp.Add, scalar, "AddInPlace");

    /// <summary>this *= scalar.</summary>
    /// <param name="scalar">Factor.</param>
    public void MultiplyInPlace(T scalar) => InPlace(BinaryOp.Multiply, scalar, "MultiplyInPlace");

    /// <summary>this /= scalar.</summary>
    /// <param name="scalar">Divisor.</param>
    public void DivideInPlace(T scalar) => InPlace(BinaryOp.Divide, scalar, "DivideInPlace");

    private void InPlace(BinaryOp op, NDArray<T> other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        var ops = NumericOps<T>.Require(name);
        ThrowIfDisposed();
        other.ThrowIfDisposed();
        var self = Materialized(); // before reading other: other may be this array
        var lb = other.CurrentLayout;
        var otherStrides = Shapes.BroadcastStrides(other._shape, lb.Strides, _shape, name);
        Execute(ops, op, _shape, self.Base, self.Strides, self.Base, self.Strides, lb.Base, otherStrides);
        GC.KeepAlive(this);
        GC.KeepAlive(other);
    }

    private void InPlace(BinaryOp op, T scalar, string name)
    {
        var ops = NumericOps<T>.Require(name);
        ThrowIfDisposed();
        var self = Materialized();
        Execute(ops, op, _shape, self.Base, self.Strides, self.Base, self.Strides, &scalar, new long[NDim]);
        GC.KeepAlive(this);
    }
}
