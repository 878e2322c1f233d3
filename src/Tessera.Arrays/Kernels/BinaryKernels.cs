using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera.Arrays.Kernels;

/// <summary>
/// Two- and three-input block kernels with NumPy broadcasting and NumPy's edge cases (NaN propagates
/// through minimum/maximum; mod takes the divisor's sign; integer division by zero gives 0), over
/// flat memory (<see cref="DenseOperand{T}"/>), SIMD through <see cref="TensorPrimitives"/> where it applies.
/// </summary>
internal static unsafe class BinaryKernels
{
    public static NDArray<T> Apply<T>(BinaryFunc f, NDArray<T> left, NDArray<T> right)
        where T : unmanaged
    {
        var shape = Shapes.Broadcast(left.Shape.ToArray(), right.Shape.ToArray(), f.ToString());
        using var a = new DenseOperand<T>(left, shape);
        using var b = new DenseOperand<T>(right, shape);
        var result = NDArray.Empty<T>(shape);
        long size = result.Size;
        if (size == 0)
        {
            return result;
        }

        if (a.IsScalar && b.IsScalar)
        {
            T x = a.Value, y = b.Value, r;
            Dispatch(f, &x, 0, &y, 0, &r, 1);
            result.Dispose();
            return NDArray.Full(r, shape);
        }

        T va = a.Value, vb = b.Value;
        for (long done = 0; done < size; done += int.MaxValue)
        {
            int n = (int)Math.Min(int.MaxValue, size - done);
            Dispatch(f, a.IsScalar ? &va : a.Pointer + done, a.IsScalar ? 0 : 1, b.IsScalar ? &vb : b.Pointer + done, b.IsScalar ? 0 : 1, result.Pointer + done, n);
        }

        GC.KeepAlive(left);
        GC.KeepAlive(right);
        return result;
    }

    /// <summary>NumPy's where: <paramref name="yes"/> where <paramref name="condition"/> is true, else <paramref name="no"/>.</summary>
    public static NDArray<T> Where<T>(NDArray<bool> condition, NDArray<T> yes, NDArray<T> no)
        where T : unmanaged
    {
        var shape = Shapes.Broadcast(Shapes.Broadcast(condition.Shape.ToArray(), yes.Shape.ToArray(), "Where"), no.Shape.ToArray(), "Where");
        using var c = new DenseOperand<bool>(condition, shape);
        using var a = new DenseOperand<T>(yes, shape);
        using var b = new DenseOperand<T>(no, shape);
        if (c.IsScalar)
        {
            // One condition everywhere (a constant or broadcast scalar block): one side, whole.
            var chosen = c.Value ? a : b;
            if (chosen.IsScalar)
            {
                return NDArray.Full(chosen.Value, shape);
            }

            using var view = (c.Value ? yes : no).BroadcastTo(shape);
            return view.Copy();
        }

        var result = NDArray.Empty<T>(shape);
        long size = result.Size;
        T* o = result.Pointer;
        bool* cp = c.Pointer;
        if (a.IsScalar && b.IsScalar)
        {
            T x = a.Value, y = b.Value;
            for (long i = 0; i < size; i++)
            {
                o[i] = cp[i] ? x : y;
            }
        }
        else if (b.IsScalar)
        {
            T y = b.Value;
            T* ap = a.Pointer;
            for (long i = 0; i < size; i++)
            {
                o[i] = cp[i] ? ap[i] : y;
            }
        }
        else if (a.IsScalar)
        {
            T x = a.Value;
            T* bp = b.Pointer;
            for (long i = 0; i < size; i++)
            {
                o[i] = cp[i] ? x : bp[i];
            }
        }
        else
        {
            T* ap = a.Pointer;
            T* bp = b.Pointer;
            for (long i = 0; i < size; i++)
            {
                o[i] = cp[i] ? ap[i] : bp[i];
            }
        }

        GC.KeepAlive(condition);
        GC.KeepAlive(yes);
        GC.KeepAlive(no);
        return result;
    }

    private static void Dispatch<T>(BinaryFunc f, T* a, int sa, T* b, int sb, T* o, int n)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double)) { Float(f, (double*)a, sa, (double*)b, sb, (double*)o, n); }
        else if (typeof(T) == typeof(float)) { Float(f, (float*)a, sa, (float*)b, sb, (float*)o, n); }
        else if (typeof(T) == typeof(Half)) { Float(f, (Half*)a, sa, (Half*)b, sb, (Half*)o, n); }
        else if (typeof(T) == typeof(long)) { Integer(f, (long*)a, sa, (long*)b, sb, (long*)o, n); }
        else if (typeof(T) == typeof(int)) { Integer(f, (int*)a, sa, (int*)b, sb, (int*)o, n); }
        else if (typeof(T) == typeof(short)) { Integer(f, (short*)a, sa, (short*)b, sb, (short*)o, n); }
        else if (typeof(T) == typeof(sbyte)) { Integer(f, (sbyte*)a, sa, (sbyte*)b, sb, (sbyte*)o, n); }
        else if (typeof(T) == typeof(ulong)) { Integer(f, (ulong*)a, sa, (ulong*)b, sb, (ulong*)o, n); }
        else if (typeof(T) == typeof(uint)) { Integer(f, (uint*)a, sa, (uint*)b, sb, (uint*)o, n); }
        else if (typeof(T) == typeof(ushort)) { Integer(f, (ushort*)a, sa, (ushort*)b, sb, (ushort*)o, n); }
        else if (typeof(T) == typeof(byte)) { Integer(f, (byte*)a, sa, (byte*)b, sb, (byte*)o, n); }
        else
        {
            throw new NotSupportedException($"{f} is not defined for dtype {DTypes.Name<T>()}.");
        }
    }

    private static void Float<T>(BinaryFunc f, T* a, int sa, T* b, int sb, T* o, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sa == 1 && sb == 1 && f is BinaryFunc.Minimum or BinaryFunc.Maximum or BinaryFunc.Power)
        {
            var x = new ReadOnlySpan<T>(a, n);
            var y = new ReadOnlySpan<T>(b, n);
            var d = new Span<T>(o, n);
            switch (f)
            {
                case BinaryFunc.Minimum: TensorPrimitives.Min(x, y, d); return;
                case BinaryFunc.Maximum: TensorPrimitives.Max(x, y, d); return;
                default: TensorPrimitives.Pow(x, y, d); return;
            }
        }

        for (int i = 0; i < n; i++)
        {
            T x = a[i * sa], y = b[i * sb];
            o[i] = f switch
            {
                BinaryFunc.Minimum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : T.Min(x, y),
                BinaryFunc.Maximum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : T.Max(x, y),
                BinaryFunc.Power => T.Pow(x, y),
                BinaryFunc.Mod => FloatMod(x, y),
                _ => FloatFloorDivide(x, y),
            };
        }
    }

    // NumPy's npy_divmod: the remainder takes the divisor's sign; a zero divisor gives NaN.
    private static T FloatMod<T>(T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b == T.Zero)
        {
            return T.NaN;
        }

        T mod = a % b;
        if (mod == T.Zero)
        {
            return T.CopySign(T.Zero, b);
        }

        return (b < T.Zero) != (mod < T.Zero) ? mod + b : mod;
    }

    // NumPy's npy_divmod quotient: (a - fmod(a, b)) / b, floored and rounded, so 1 // 0.1 == 9 as in NumPy.
    private static T FloatFloorDivide<T>(T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b == T.Zero)
        {
            return a / b;
        }

        T mod = a % b;
        T div = (a - mod) / b;
        if (mod != T.Zero && (b < T.Zero) != (mod < T.Zero))
        {
            div -= T.One;
        }

        if (div == T.Zero)
        {
            return T.CopySign(T.Zero, a / b);
        }

        T floor = T.Floor(div);
        return div - floor > T.CreateTruncating(0.5) ? floor + T.One : floor;
    }

    private static void Integer<T>(BinaryFunc f, T* a, int sa, T* b, int sb, T* o, int n)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int i = 0; i < n; i++)
        {
            T x = a[i * sa], y = b[i * sb];
            o[i] = f switch
            {
                BinaryFunc.Minimum => T.Min(x, y),
                BinaryFunc.Maximum => T.Max(x, y),
                BinaryFunc.Power => IntegerPower(x, y),
                BinaryFunc.Mod => IntegerMod(x, y),
                _ => IntegerFloorDivide(x, y),
            };
        }
    }

    private static T IntegerPower<T>(T x, T y)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (T.IsNegative(y))
        {
            throw new ArgumentException($"Power: integers to negative integer powers are not allowed (got exponent {y}); convert to a float dtype first (AsType<double>()), as NumPy requires.");
        }

        T result = T.One;
        T bas = x;
        while (y != T.Zero)
        {
            if (!T.IsEvenInteger(y))
            {
                result = unchecked(result * bas);
            }

            y >>= 1;
            bas = unchecked(bas * bas);
        }

        return result;
    }

    private static T IntegerMod<T>(T a, T b)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (b == T.Zero)
        {
            return T.Zero;
        }

        if (T.IsNegative(b) && b == T.Zero - T.One)
        {
            return T.Zero; // MinValue % -1 overflows in C#; NumPy gives 0.
        }

        T r = a % b;
        return r != T.Zero && (T.IsNegative(r) != T.IsNegative(b)) ? r + b : r;
    }

    private static T IntegerFloorDivide<T>(T a, T b)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (b == T.Zero)
        {
            return T.Zero;
        }

        if (T.IsNegative(b) && b == T.Zero - T.One)
        {
            return unchecked(T.Zero - a); // MinValue // -1 wraps to MinValue, as in NumPy.
        }

        T q = a / b;
        T r = a % b;
        return r != T.Zero && (T.IsNegative(r) != T.IsNegative(b)) ? q - T.One : q;
    }
}
