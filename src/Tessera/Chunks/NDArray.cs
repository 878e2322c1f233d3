using System.Numerics;

namespace Tessera;

/// <summary>Factory methods and helpers for <see cref="NDArray{T}"/>.</summary>
public static unsafe partial class NDArray
{
    /// <summary>Longest span (2^30 elements) that <see cref="NDArray{T}.GetSegment"/> hands out.</summary>
    public const long MaxSegmentLength = 1L << 30;

    /// <summary>An uninitialised C-contiguous array from <see cref="ChunkPool.Shared"/>; the content is arbitrary.</summary>
    /// <param name="shape">Dimensions; none gives a 0-d (scalar) array.</param>
    /// <exception cref="ArgumentException">A negative dimension, or a shape whose byte count overflows.</exception>
    public static NDArray<T> Empty<T>(params long[] shape)
        where T : unmanaged => Allocate<T>(shape, clear: false, "Empty");

    /// <summary>
    /// An array of zeros (false for bool): a copy-on-write constant (<see cref="NDArray{T}.IsConstant"/>) that stores one
    /// element and takes real, pooled C-contiguous memory only when written, viewed or pointed into.
    /// </summary>
    /// <param name="shape">Dimensions.</param>
    public static NDArray<T> Zeros<T>(params long[] shape)
        where T : unmanaged => Constant(default(T), shape, "Zeros");

    /// <summary>An array of ones (true for bool) as a copy-on-write constant (see <see cref="Zeros{T}"/>).</summary>
    /// <param name="shape">Dimensions.</param>
    public static NDArray<T> Ones<T>(params long[] shape)
        where T : unmanaged => Constant(DTypeInfo<T>.IsBool ? (T)(object)true : NumericOps<T>.Require("Ones").One, shape, "Ones");

    /// <summary>An array with every element <paramref name="value"/>, as a copy-on-write constant (see <see cref="Zeros{T}"/>).</summary>
    /// <param name="value">Fill value.</param>
    /// <param name="shape">Dimensions.</param>
    public static NDArray<T> Full<T>(T value, params long[] shape)
        where T : unmanaged => Constant(value, shape, "Full");

    /// <summary>A 0-d array holding <paramref name="value"/> (a copy-on-write constant, see <see cref="Zeros{T}"/>).</summary>
    /// <param name="value">The element.</param>
    public static NDArray<T> Scalar<T>(T value)
        where T : unmanaged => Full(value);

    /// <summary>1-D array [0, 1, …, n-1].</summary>
    /// <param name="n">Number of elements (≥ 0).</param>
    public static NDArray<T> Arange<T>(long n)
        where T : unmanaged, INumber<T> => Arange(T.Zero, T.CreateChecked(n), T.One);

    /// <summary>1-D array of start, start+step, … up to but excluding <paramref name="stop"/> (NumPy arange).</summary>
    /// <param name="start">First value.</param>
    /// <param name="stop">Exclusive bound.</param>
    /// <param name="step">Increment; must not be zero (default 1).</param>
    public static NDArray<T> Arange<T>(T start, T stop, T step)
        where T : unmanaged, INumber<T>
    {
        if (T.IsZero(step))
        {
            throw new ArgumentException("Arange: step must not be zero.", nameof(step));
        }

        var count = Math.Ceiling((double.CreateTruncating(stop) - double.CreateTruncating(start)) / double.CreateTruncating(step));
        var n = count > 0 ? (long)count : 0;
        var result = Allocate<T>([n], clear: false, "Arange");
        var p = result.CurrentLayout.Base;
        var value = start;
        for (long i = 0; i < n; i++)
        {
            p[i] = typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half)
                ? start + (T.CreateTruncating(i) * step)
                : value;
            value += step;
        }

        return result;
    }

    /// <summary>Wraps a managed array without copying (pinned until the last view is disposed).</summary>
    /// <param name="data">Elements in C order.</param>
    /// <param name="shape">Dimensions whose product is <c>data.Length</c>; none means <c>[data.Length]</c>.</param>
    public static NDArray<T> Wrap<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        long[] s = shape is null || shape.Length == 0 ? [data.LongLength] : (long[])shape.Clone();
        var size = Shapes.Validate(s, sizeof(T), "Wrap");
        if (size != data.LongLength)
        {
            throw new ArgumentException($"Wrap: shape {Shapes.Format(s)} has {size} elements but the array has {data.LongLength}.", nameof(shape));
        }

        return new NDArray<T>(ChunkStorage.Pin(data, data.LongLength * sizeof(T)), s, Shapes.ContiguousStrides(s), 0);
    }

    /// <summary>Wraps a rectangular 2-D array without copying.</summary>
    /// <param name="data">The array; its row-major layout becomes a C-contiguous array.</param>
    public static NDArray<T> Wrap<T>(T[,] data)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        long[] s = [data.GetLongLength(0), data.GetLongLength(1)];
        return new NDArray<T>(ChunkStorage.Pin(data, data.LongLength * sizeof(T)), s, Shapes.ContiguousStrides(s), 0);
    }

    /// <summary>Wraps a rectangular 3-D array without copying.</summary>
    /// <param name="data">The array.</param>
    public static NDArray<T> Wrap<T>(T[,,] data)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        long[] s = [data.GetLongLength(0), data.GetLongLength(1), data.GetLongLength(2)];
        return new NDArray<T>(ChunkStorage.Pin(data, data.LongLength * sizeof(T)), s, Shapes.ContiguousStrides(s), 0);
    }

    /// <summary>Copies a managed array into a new pooled array of the given shape.</summary>
    /// <param name="data">Elements in C order.</param>
    /// <param name="shape">Dimensions; none means <c>[data.Length]</c>.</param>
    public static NDArray<T> FromArray<T>(T[] data, params long[] shape)
        where T : unmanaged
    {
        using var wrapped = Wrap(data, shape);
        return wrapped.Copy();
    }

    /// <summary>Whether both arrays have the same shape and equal elements (NaN ≠ NaN).</summary>
    /// <param name="a">First array.</param>
    /// <param name="b">Second array.</param>
    public static bool ArrayEqual<T>(NDArray<T> a, NDArray<T> b)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a.ThrowIfDisposed();
        b.ThrowIfDisposed();
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            return false;
        }

        var la = a.CurrentLayout;
        var lb = b.CurrentLayout;
        var v = new EqualVisitor<T> { A = la.Base, B = lb.Base, Equal = true };
        StridedLoop.ForEachRun(a.Shape, [la.Strides, lb.Strides], ref v);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return v.Equal;
    }

    /// <summary>Whether the shapes match and |a - b| ≤ atol + rtol·|b| elementwise (compared as double).</summary>
    /// <param name="a">First array.</param>
    /// <param name="b">Second array.</param>
    /// <param name="rtol">Relative tolerance (default 1e-5).</param>
    /// <param name="atol">Absolute tolerance (default 1e-8).</param>
    public static bool AllClose<T>(NDArray<T> a, NDArray<T> b, double rtol = 1e-5, double atol = 1e-8)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            return false;
        }

        using var x = a.AsType<double>();
        using var y = b.AsType<double>();
        var px = x.CurrentLayout.Base; // fresh contiguous results of AsType
        var py = y.CurrentLayout.Base;
        for (long i = 0; i < x.Size; i++)
        {
            if (!(Math.Abs(px[i] - py[i]) <= atol + (rtol * Math.Abs(py[i]))) && px[i] != py[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A constant array (one stored element, all strides 0); an empty shape gets ordinary (empty) storage.</summary>
    internal static NDArray<T> Constant<T>(T value, long[] shape, string operation)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var s = (long[])shape.Clone();
        var size = Shapes.Validate(s, sizeof(T), operation);
        if (size == 0)
        {
            return Allocate<T>(s, clear: true, operation);
        }

        return NDArray<T>.Constant(value, s);
    }

    internal static NDArray<T> Allocate<T>(long[] shape, bool clear, string operation)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var s = (long[])shape.Clone();
        var size = Shapes.Validate(s, sizeof(T), operation);
        var storage = ChunkStorage.Rent(ChunkPool.Shared, size * sizeof(T), clear);
        return new NDArray<T>(storage, s, Shapes.ContiguousStrides(s), 0);
    }

    private struct EqualVisitor<T> : IRunVisitor
        where T : unmanaged
    {
        public T* A;
        public T* B;
        public bool Equal;

        public void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            if (!Equal)
            {
                return;
            }

            var a = A + offsets[0];
            var b = B + offsets[1];
            for (long i = 0; i < length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i * strides[0]], b[i * strides[1]]))
                {
                    Equal = false;
                    return;
                }
            }
        }
    }
}
