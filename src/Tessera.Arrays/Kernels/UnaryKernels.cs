using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera.Arrays.Kernels;

/// <summary>
/// One-input block kernels: the input is read as flat memory (<see cref="DenseOperand{T}"/>) and the
/// functions run through <see cref="TensorPrimitives"/> (SIMD) where it has them, in segments of at
/// most 2^30 elements, writing a fresh C-contiguous block.
/// </summary>
internal static unsafe class UnaryKernels
{
    private const int Segment = 1 << 30;

    public static NDArray<T> Apply<T>(UnaryFunc f, NDArray<T> block)
        where T : unmanaged
    {
        var shape = block.Shape.ToArray();
        using var a = new DenseOperand<T>(block, shape);
        var result = NDArray.Empty<T>(shape);
        if (result.Size == 0)
        {
            return result;
        }

        if (a.IsScalar)
        {
            T one = a.Value;
            Dispatch(f, &one, &one, 1);
            result.Dispose();
            return NDArray.Full(one, shape);
        }

        for (long done = 0; done < result.Size; done += Segment)
        {
            int n = (int)Math.Min(Segment, result.Size - done);
            Dispatch(f, a.Pointer + done, result.Pointer + done, n);
        }

        GC.KeepAlive(block);
        return result;
    }

    /// <summary>A bool block: whether each element is NaN (<paramref name="finite"/> false) or finite (true).</summary>
    public static NDArray<bool> Classify<T>(NDArray<T> block, bool finite)
        where T : unmanaged
    {
        var shape = block.Shape.ToArray();
        using var a = new DenseOperand<T>(block, shape);
        var result = NDArray.Empty<bool>(shape);
        if (result.Size == 0)
        {
            return result;
        }

        bool* o = result.Pointer;
        if (a.IsScalar)
        {
            T one = a.Value;
            bool r;
            Classify(&one, &r, 1, finite);
            result.Dispose();
            return NDArray.Full(r, shape);
        }

        Classify(a.Pointer, o, result.Size, finite);
        GC.KeepAlive(block);
        return result;
    }

    private static void Classify<T>(T* a, bool* o, long n, bool finite)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var x = (double*)a;
            for (long i = 0; i < n; i++)
            {
                o[i] = finite ? double.IsFinite(x[i]) : double.IsNaN(x[i]);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            var x = (float*)a;
            for (long i = 0; i < n; i++)
            {
                o[i] = finite ? float.IsFinite(x[i]) : float.IsNaN(x[i]);
            }
        }
        else if (typeof(T) == typeof(Half))
        {
            var x = (Half*)a;
            for (long i = 0; i < n; i++)
            {
                o[i] = finite ? Half.IsFinite(x[i]) : Half.IsNaN(x[i]);
            }
        }
        else
        {
            // Integers and bools are never NaN and always finite.
            new Span<bool>(o, checked((int)n)).Fill(finite);
        }
    }

    private static void Dispatch<T>(UnaryFunc f, T* a, T* o, int n)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double)) { Float(f, new ReadOnlySpan<double>(a, n), new Span<double>(o, n)); }
        else if (typeof(T) == typeof(float)) { Float(f, new ReadOnlySpan<float>(a, n), new Span<float>(o, n)); }
        else if (typeof(T) == typeof(Half)) { Float(f, new ReadOnlySpan<Half>(a, n), new Span<Half>(o, n)); }
        else if (typeof(T) == typeof(long)) { Integer(f, new ReadOnlySpan<long>(a, n), new Span<long>(o, n)); }
        else if (typeof(T) == typeof(int)) { Integer(f, new ReadOnlySpan<int>(a, n), new Span<int>(o, n)); }
        else if (typeof(T) == typeof(short)) { Integer(f, new ReadOnlySpan<short>(a, n), new Span<short>(o, n)); }
        else if (typeof(T) == typeof(sbyte)) { Integer(f, new ReadOnlySpan<sbyte>(a, n), new Span<sbyte>(o, n)); }
        else if (typeof(T) == typeof(ulong)) { Integer(f, new ReadOnlySpan<ulong>(a, n), new Span<ulong>(o, n)); }
        else if (typeof(T) == typeof(uint)) { Integer(f, new ReadOnlySpan<uint>(a, n), new Span<uint>(o, n)); }
        else if (typeof(T) == typeof(ushort)) { Integer(f, new ReadOnlySpan<ushort>(a, n), new Span<ushort>(o, n)); }
        else if (typeof(T) == typeof(byte)) { Integer(f, new ReadOnlySpan<byte>(a, n), new Span<byte>(o, n)); }
        else
        {
            throw new NotSupportedException($"{f} is not defined for dtype {DTypes.Name<T>()}.");
        }
    }

    private static void Float<T>(UnaryFunc f, ReadOnlySpan<T> a, Span<T> o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (f)
        {
            case UnaryFunc.Abs: TensorPrimitives.Abs(a, o); break;
            case UnaryFunc.Sqrt: TensorPrimitives.Sqrt(a, o); break;
            case UnaryFunc.Exp: TensorPrimitives.Exp(a, o); break;
            case UnaryFunc.Log: TensorPrimitives.Log(a, o); break;
            case UnaryFunc.Log1p: Log1p(a, o); break;
            case UnaryFunc.Sin: TensorPrimitives.Sin(a, o); break;
            case UnaryFunc.Cos: TensorPrimitives.Cos(a, o); break;
            case UnaryFunc.Tan: TensorPrimitives.Tan(a, o); break;
            case UnaryFunc.Tanh: TensorPrimitives.Tanh(a, o); break;
            case UnaryFunc.Floor: TensorPrimitives.Floor(a, o); break;
            case UnaryFunc.Ceil: TensorPrimitives.Ceiling(a, o); break;
            case UnaryFunc.Round: TensorPrimitives.Round(a, MidpointRounding.ToEven, o); break;
            case UnaryFunc.Sign:
                for (int i = 0; i < a.Length; i++)
                {
                    var x = a[i];
                    o[i] = T.IsNaN(x) ? x : x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
                }

                break;
            default: throw new ArgumentOutOfRangeException(nameof(f), f, "unknown function");
        }
    }

    // log(1 + x) accurate for small x (TensorPrimitives.LogP1 computes log(x + 1) directly, losing the digits of x).
    private static void Log1p<T>(ReadOnlySpan<T> a, Span<T> o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++)
        {
            double x = double.CreateTruncating(a[i]);
            double u = 1.0 + x;
            double r = u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
            o[i] = T.CreateTruncating(double.IsInfinity(u) || double.IsNaN(u) || u <= 0 ? Math.Log(u) : r);
        }
    }

    private static void Integer<T>(UnaryFunc f, ReadOnlySpan<T> a, Span<T> o)
        where T : unmanaged, IBinaryInteger<T>
    {
        switch (f)
        {
            case UnaryFunc.Abs:
                // Two's complement wrap like NumPy: abs(MinValue) == MinValue.
                for (int i = 0; i < a.Length; i++)
                {
                    var x = a[i];
                    o[i] = T.IsNegative(x) ? T.Zero - x : x;
                }

                break;
            case UnaryFunc.Sign:
                for (int i = 0; i < a.Length; i++)
                {
                    var x = a[i];
                    o[i] = T.IsNegative(x) ? T.Zero - T.One : x == T.Zero ? T.Zero : T.One;
                }

                break;
            case UnaryFunc.Round:
            case UnaryFunc.Floor:
            case UnaryFunc.Ceil:
                a.CopyTo(o);
                break;
            default:
                throw new NotSupportedException($"{f} of an integer dtype gives a float dtype; it is converted before the kernel runs.");
        }
    }
}
