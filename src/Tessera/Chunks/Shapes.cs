using System.Globalization;
using System.Text;

namespace Tessera;

/// <summary>Shape validation, stride computation and broadcasting rules shared by the chunk kernels.</summary>
public static class Shapes
{
    /// <summary>Formats a shape NumPy-style: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string Format(ReadOnlySpan<long> shape)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        if (shape.Length == 1)
        {
            sb.Append(',');
        }

        return sb.Append(')').ToString();
    }

    /// <summary>Checks that no dimension is negative and that the element count and byte count fit in a long.</summary>
    /// <returns>The number of elements.</returns>
    public static long Validate(ReadOnlySpan<long> shape, int itemSize, string operation)
    {
        long size = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"{operation}: negative dimension {d} in shape {Format(shape)}.", nameof(shape));
            }
        }

        foreach (var d in shape)
        {
            try
            {
                size = checked(size * d);
                _ = checked(size * itemSize);
            }
            catch (OverflowException ex)
            {
                throw new ArgumentException($"{operation}: shape {Format(shape)} has more elements than fit in a 64-bit byte count.", nameof(shape), ex);
            }
        }

        return size;
    }

    /// <summary>Product of the dimensions (1 for a 0-d shape).</summary>
    public static long Product(ReadOnlySpan<long> shape)
    {
        long size = 1;
        foreach (var d in shape)
        {
            size *= d;
        }

        return size;
    }

    /// <summary>C-order (row-major) strides in elements.</summary>
    public static long[] ContiguousStrides(ReadOnlySpan<long> shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    /// <summary>Whether the layout is C-contiguous (dimensions of size 1 may have any stride).</summary>
    public static bool IsContiguous(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        long expected = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 0)
            {
                return true;
            }

            if (shape[i] != 1 && strides[i] != expected)
            {
                return false;
            }

            expected *= shape[i];
        }

        return true;
    }

    /// <summary>The NumPy broadcast of two shapes.</summary>
    public static long[] Broadcast(ReadOnlySpan<long> a, ReadOnlySpan<long> b, string operation)
    {
        var n = Math.Max(a.Length, b.Length);
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            var da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            var db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{operation}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (axis {i}: {da} vs {db}); " +
                    "expected equal lengths or 1 on every axis, aligned from the right.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Strides that view an array of <paramref name="shape"/>/<paramref name="strides"/> as <paramref name="target"/> (0 on broadcast axes).</summary>
    public static long[] BroadcastStrides(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, ReadOnlySpan<long> target, string operation)
    {
        if (shape.Length > target.Length)
        {
            throw new ArgumentException($"{operation}: cannot broadcast shape {Format(shape)} to {Format(target)}.");
        }

        var result = new long[target.Length];
        var lead = target.Length - shape.Length;
        for (var i = 0; i < shape.Length; i++)
        {
            var d = shape[i];
            var t = target[i + lead];
            if (d == t)
            {
                result[i + lead] = strides[i];
            }
            else if (d == 1)
            {
                result[i + lead] = 0;
            }
            else
            {
                throw new ArgumentException($"{operation}: cannot broadcast shape {Format(shape)} to {Format(target)} (axis {i + lead}: {d} vs {t}).");
            }
        }

        return result;
    }

    /// <summary>Normalizes a possibly negative axis.</summary>
    public static int Axis(int axis, int ndim, string operation)
    {
        var a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"{operation}: axis {axis} is out of range for an array with ndim {ndim}.");
        }

        return a;
    }

    /// <summary>Turns an axis list (null = all) into a mask of reduced axes.</summary>
    public static bool[] AxisMask(ReadOnlySpan<int> axes, bool all, int ndim, string operation)
    {
        var mask = new bool[ndim];
        if (all)
        {
            Array.Fill(mask, true);
            return mask;
        }

        foreach (var axis in axes)
        {
            var a = Axis(axis, ndim, operation);
            if (mask[a])
            {
                throw new ArgumentException($"{operation}: axis {axis} is repeated.", nameof(axes));
            }

            mask[a] = true;
        }

        return mask;
    }
}
