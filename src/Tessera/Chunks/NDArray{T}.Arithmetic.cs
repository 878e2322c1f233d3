namespace Tessera;

/// <summary>Elementwise arithmetic with NumPy broadcasting.</summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<T> operator +(NDArray<T> a, NDArray<T> b) => Binary(BinaryOp.Add, a, b, "Add");

    /// <summary>Adds a scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator +(NDArray<T> a, T s) => BinaryScalar(BinaryOp.Add, a, s, false, "Add");

    /// <summary>Adds a scalar.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator +(T s, NDArray<T> a) => BinaryScalar(BinaryOp.Add, a, s, true, "Add");

    /// <summary>Adds an int scalar converted (checked) to <typeparamref name="T"/>.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator +(NDArray<T> a, int s) => a + FromInt(s, "Add");

    /// <summary>Adds an int scalar converted (checked) to <typeparamref name="T"/>.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator +(int s, NDArray<T> a) => FromInt(s, "Add") + a;

    /// <summary>Elementwise difference with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<T> operator -(NDArray<T> a, NDArray<T> b) => Binary(BinaryOp.Subtract, a, b, "Subtract");

    /// <summary>Subtracts a scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator -(NDArray<T> a, T s) => BinaryScalar(BinaryOp.Subtract, a, s, false, "Subtract");

    /// <summary>Scalar minus each element.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator -(T s, NDArray<T> a) => BinaryScalar(BinaryOp.Subtract, a, s, true, "Subtract");

    /// <summary>Subtracts an int scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator -(NDArray<T> a, int s) => a - FromInt(s, "Subtract");

    /// <summary>An int scalar minus each element.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator -(int s, NDArray<T> a) => FromInt(s, "Subtract") - a;

    /// <summary>Elementwise product with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<T> operator *(NDArray<T> a, NDArray<T> b) => Binary(BinaryOp.Multiply, a, b, "Multiply");

    /// <summary>Multiplies by a scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator *(NDArray<T> a, T s) => BinaryScalar(BinaryOp.Multiply, a, s, false, "Multiply");

    /// <summary>Multiplies by a scalar.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator *(T s, NDArray<T> a) => BinaryScalar(BinaryOp.Multiply, a, s, true, "Multiply");

    /// <summary>Multiplies by an int scalar (so <c>i * NDArray.Ones&lt;long&gt;(n)</c> compiles for <c>int i</c>).</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator *(NDArray<T> a, int s) => a * FromInt(s, "Multiply");

    /// <summary>Multiplies by an int scalar.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator *(int s, NDArray<T> a) => FromInt(s, "Multiply") * a;

    /// <summary>Elementwise quotient with broadcasting (integer division truncates; by zero throws).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<T> operator /(NDArray<T> a, NDArray<T> b) => Binary(BinaryOp.Divide, a, b, "Divide");

    /// <summary>Divides by a scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator /(NDArray<T> a, T s) => BinaryScalar(BinaryOp.Divide, a, s, false, "Divide");

    /// <summary>Divides a scalar by each element.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator /(T s, NDArray<T> a) => BinaryScalar(BinaryOp.Divide, a, s, true, "Divide");

    /// <summary>Divides by an int scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator /(NDArray<T> a, int s) => a / FromInt(s, "Divide");

    /// <summary>Divides an int scalar by each element.</summary>
    /// <param name="s">Scalar.</param>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator /(int s, NDArray<T> a) => FromInt(s, "Divide") / a;

    /// <summary>Elementwise remainder (C# % semantics: the sign follows the dividend) with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<T> operator %(NDArray<T> a, NDArray<T> b) => Binary(BinaryOp.Remainder, a, b, "Remainder");

    /// <summary>Remainder by a scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator %(NDArray<T> a, T s) => BinaryScalar(BinaryOp.Remainder, a, s, false, "Remainder");

    /// <summary>Remainder by an int scalar.</summary>
    /// <param name="a">Array.</param>
    /// <param name="s">Scalar.</param>
    public static NDArray<T> operator %(NDArray<T> a, int s) => a % FromInt(s, "Remainder");

    /// <summary>Elementwise negation (wraps for unsigned types).</summary>
    /// <param name="a">Array.</param>
    public static NDArray<T> operator -(NDArray<T> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var ops = NumericOps<T>.Require("Negate");
        a.ThrowIfDisposed();
        var result = NDArray.Allocate<T>(a._shape, clear: false, "Negate");
        var lo = result.CurrentLayout;
        var la = a.CurrentLayout;
        if (result.Size > 0 && la.IsConstant)
        {
            T r;
            ops.Negate(la.Base, 0, &r, 0, 1);
            result.Fill(r);
        }
        else
        {
            var v = new NegateVisitor { Ops = ops, O = lo.Base, A = la.Base };
            StridedLoop.ForEachRun(a._shape, [lo.Strides, la.Strides], ref v);
        }

        GC.KeepAlive(a);
        return result;
    }

    /// <summary>Elementwise minimum with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<T> Minimum(NDArray<T> other) => Binary(BinaryOp.Min, this, other, "Minimum");

    /// <summary>Elementwise maximum with broadcasting.</summary>
    /// <param name="other">Other operand.</param>
    public NDArray<T> Maximum(NDArray<T> other) => Binary(BinaryOp.Max, this, other, "Maximum");

    internal static NDArray<T> Binary(BinaryOp op, NDArray<T> a, NDArray<T> b, string name)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ops = NumericOps<T>.Require(name);
        a.ThrowIfDisposed();
        b.ThrowIfDisposed();
        var shape = Shapes.Broadcast(a._shape, b._shape, name);
        var result = NDArray.Allocate<T>(shape, clear: false, name);
        var la = a.CurrentLayout;
        var lb = b.CurrentLayout;
        ExecuteNew(ops, op, result, la.Base, Shapes.BroadcastStrides(a._shape, la.Strides, shape, name),
            lb.Base, Shapes.BroadcastStrides(b._shape, lb.Strides, shape, name));
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return result;
    }

    private static NDArray<T> BinaryScalar(BinaryOp op, NDArray<T> a, T s, bool scalarFirst, string name)
    {
        ArgumentNullException.ThrowIfNull(a);
        var ops = NumericOps<T>.Require(name);
        a.ThrowIfDisposed();
        var result = NDArray.Allocate<T>(a._shape, clear: false, name);
        var zero = new long[a.NDim];
        var la = a.CurrentLayout;
        if (scalarFirst)
        {
            ExecuteNew(ops, op, result, &s, zero, la.Base, la.Strides);
        }
        else
        {
            ExecuteNew(ops, op, result, la.Base, la.Strides, &s, zero);
        }

        GC.KeepAlive(a);
        return result;
    }

    /// <summary>
    /// out = op(a, b) into a freshly allocated <paramref name="output"/>, a and b already broadcast to its shape.
    /// When both operands read a single value everywhere (constants such as <c>Ones</c>, scalars, broadcast
    /// scalars) the result is computed once and filled: <c>i * Ones(n, n)</c> costs one write pass.
    /// </summary>
    private static void ExecuteNew(NumericOps<T> ops, BinaryOp op, NDArray<T> output, T* a, long[] aStrides, T* b, long[] bStrides)
    {
        if (output.Size > 0 && IsZero(aStrides) && IsZero(bStrides))
        {
            T r;
            ops.Binary(op, a, 0, b, 0, &r, 0, 1);
            output.Fill(r);
            return;
        }

        var lo = output.CurrentLayout;
        Execute(ops, op, output._shape, lo.Base, lo.Strides, a, aStrides, b, bStrides);
    }

    /// <summary>out = op(a, b) where a and b are already broadcast to <paramref name="shape"/>.</summary>
    private static void Execute(NumericOps<T> ops, BinaryOp op, long[] shape, T* o, long[] oStrides, T* a, long[] aStrides, T* b, long[] bStrides)
    {
        var v = new BinaryVisitor { Ops = ops, Op = op, O = o, A = a, B = b };
        StridedLoop.ForEachRun(shape, [oStrides, aStrides, bStrides], ref v);
    }

    private static bool IsZero(long[] strides)
    {
        foreach (var s in strides)
        {
            if (s != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static T FromInt(int value, string name) => NumericOps<T>.Require(name).FromInt32(value);

    private struct BinaryVisitor : IRunVisitor
    {
        public NumericOps<T> Ops;
        public BinaryOp Op;
        public T* O;
        public T* A;
        public T* B;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length) =>
            Ops.Binary(Op, A + offsets[1], strides[1], B + offsets[2], strides[2], O + offsets[0], strides[0], length);
    }

    private struct NegateVisitor : IRunVisitor
    {
        public NumericOps<T> Ops;
        public T* O;
        public T* A;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length) =>
            Ops.Negate(A + offsets[1], strides[1], O + offsets[0], strides[0], length);
    }
}
