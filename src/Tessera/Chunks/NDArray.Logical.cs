namespace Tessera;

/// <summary>Logical operations on bool arrays and elementwise maps.</summary>
public static unsafe partial class NDArray
{
    /// <summary>a AND b elementwise, with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<bool> LogicalAnd(NDArray<bool> a, NDArray<bool> b) => Logical(BinaryOp.Min, a, b, "LogicalAnd");

    /// <summary>a OR b elementwise, with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<bool> LogicalOr(NDArray<bool> a, NDArray<bool> b) => Logical(BinaryOp.Max, a, b, "LogicalOr");

    /// <summary>a XOR b elementwise, with broadcasting.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static NDArray<bool> LogicalXor(NDArray<bool> a, NDArray<bool> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.NotEqual(b);
    }

    /// <summary>NOT a elementwise.</summary>
    /// <param name="a">Operand.</param>
    public static NDArray<bool> LogicalNot(NDArray<bool> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Equal(false);
    }

    /// <summary>A new array with <paramref name="f"/> applied to every element (slow path: one delegate call per element).</summary>
    /// <param name="a">Source.</param>
    /// <param name="f">Element function.</param>
    public static NDArray<TOut> Map<TIn, TOut>(NDArray<TIn> a, Func<TIn, TOut> f)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(f);
        a.ThrowIfDisposed();
        var result = Allocate<TOut>(a.ShapeArray, clear: false, "Map");
        var lo = result.CurrentLayout;
        var la = a.CurrentLayout;
        var v = new MapVisitor<TIn, TOut> { F = f, O = lo.Base, A = la.Base };
        StridedLoop.ForEachRun(a.Shape, [lo.Strides, la.Strides], ref v);
        GC.KeepAlive(a);
        return result;
    }

    /// <summary>A new array with <paramref name="f"/> applied to broadcast pairs of elements.</summary>
    /// <param name="a">Left source.</param>
    /// <param name="b">Right source.</param>
    /// <param name="f">Element function.</param>
    public static NDArray<TOut> Map<T1, T2, TOut>(NDArray<T1> a, NDArray<T2> b, Func<T1, T2, TOut> f)
        where T1 : unmanaged
        where T2 : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(f);
        a.ThrowIfDisposed();
        b.ThrowIfDisposed();
        var shape = Shapes.Broadcast(a.Shape, b.Shape, "Map");
        var result = Allocate<TOut>(shape, clear: false, "Map");
        var lo = result.CurrentLayout;
        var la = a.CurrentLayout;
        var lb = b.CurrentLayout;
        var v = new Map2Visitor<T1, T2, TOut> { F = f, O = lo.Base, A = la.Base, B = lb.Base };
        StridedLoop.ForEachRun(
            shape,
            [lo.Strides, Shapes.BroadcastStrides(a.Shape, la.Strides, shape, "Map"), Shapes.BroadcastStrides(b.Shape, lb.Strides, shape, "Map")],
            ref v);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return result;
    }

    private static NDArray<bool> Logical(BinaryOp op, NDArray<bool> a, NDArray<bool> b, string name)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var x = a.ReinterpretForReading<byte>();
        using var y = b.ReinterpretForReading<byte>();
        using var r = NDArray<byte>.Binary(op, x, y, name);
        return r.Reinterpret<bool>();
    }

    private struct MapVisitor<TIn, TOut> : IRunVisitor
        where TIn : unmanaged
        where TOut : unmanaged
    {
        public Func<TIn, TOut> F;
        public TOut* O;
        public TIn* A;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            var o = O + offsets[0];
            var a = A + offsets[1];
            for (long i = 0; i < length; i++)
            {
                o[i * strides[0]] = F(a[i * strides[1]]);
            }
        }
    }

    private struct Map2Visitor<T1, T2, TOut> : IRunVisitor
        where T1 : unmanaged
        where T2 : unmanaged
        where TOut : unmanaged
    {
        public Func<T1, T2, TOut> F;
        public TOut* O;
        public T1* A;
        public T2* B;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            var o = O + offsets[0];
            var a = A + offsets[1];
            var b = B + offsets[2];
            for (long i = 0; i < length; i++)
            {
                o[i * strides[0]] = F(a[i * strides[1]], b[i * strides[2]]);
            }
        }
    }
}
