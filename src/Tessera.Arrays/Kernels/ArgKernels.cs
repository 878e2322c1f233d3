using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Arrays.Kernels;

/// <summary>
/// ArgMin/ArgMax partials: per output element the best value (its bits, in an int64) and its index in
/// the whole array, stacked on a leading axis of length 2. Ties keep the lower index (NumPy's first
/// occurrence) and NaN beats every number (NumPy returns the first NaN).
/// </summary>
internal static unsafe class ArgKernels
{
    /// <summary>The partial of one block: along <paramref name="axis"/>, or over all axes (flat indices into <paramref name="shape"/>) when null.</summary>
    public static NDArray<long> Chunk<T>(NDArray<T> block, long[] offset, long[] shape, int? axis, bool max)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double)) { return ChunkOf((NDArray<double>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(float)) { return ChunkOf((NDArray<float>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(Half)) { return ChunkOf((NDArray<Half>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(long)) { return ChunkOf((NDArray<long>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(ulong)) { return ChunkOf((NDArray<ulong>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(int)) { return ChunkOf((NDArray<int>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(uint)) { return ChunkOf((NDArray<uint>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(short)) { return ChunkOf((NDArray<short>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(ushort)) { return ChunkOf((NDArray<ushort>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(sbyte)) { return ChunkOf((NDArray<sbyte>)(object)block, offset, shape, axis, max); }
        if (typeof(T) == typeof(byte)) { return ChunkOf((NDArray<byte>)(object)block, offset, shape, axis, max); }
        throw new NotSupportedException($"ArgMin/ArgMax are not defined for dtype {DTypes.Name<T>()}.");
    }

    public static NDArray<long> Combine<T>(object?[] partials, bool max)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double)) { return Merge<double>(partials, max); }
        if (typeof(T) == typeof(float)) { return Merge<float>(partials, max); }
        if (typeof(T) == typeof(Half)) { return Merge<Half>(partials, max); }
        if (typeof(T) == typeof(long)) { return Merge<long>(partials, max); }
        if (typeof(T) == typeof(ulong)) { return Merge<ulong>(partials, max); }
        if (typeof(T) == typeof(int)) { return Merge<int>(partials, max); }
        if (typeof(T) == typeof(uint)) { return Merge<uint>(partials, max); }
        if (typeof(T) == typeof(short)) { return Merge<short>(partials, max); }
        if (typeof(T) == typeof(ushort)) { return Merge<ushort>(partials, max); }
        if (typeof(T) == typeof(sbyte)) { return Merge<sbyte>(partials, max); }
        return Merge<byte>(partials, max);
    }

    /// <summary>The indices of a merged partial.</summary>
    public static NDArray<long> Finish(object partial)
    {
        var p = (NDArray<long>)partial;
        using var index = p[SliceSpec.At(1)];
        return index.Copy();
    }

    private static NDArray<long> ChunkOf<T>(NDArray<T> block, long[] offset, long[] shape, int? axis, bool max)
        where T : unmanaged, INumber<T>
    {
        using var dense = block.IsContiguous && !block.IsConstant ? null : block.Copy();
        T* x = (dense ?? block).Pointer;
        var bshape = block.Shape.ToArray();
        if (axis is not { } ax)
        {
            var result = NDArray.Empty<long>([2, .. bshape.Select(_ => 1L)]);
            long best = 0;
            for (long i = 1; i < block.Size; i++)
            {
                if (Beats(x[i], i, x[best], best, max))
                {
                    best = i;
                }
            }

            result.Pointer[0] = Bits(x[best]);
            result.Pointer[1] = GlobalFlat(best, bshape, offset, shape);
            GC.KeepAlive(block);
            return result;
        }

        long outer = 1, inner = 1, n = bshape[ax];
        for (int a = 0; a < ax; a++)
        {
            outer *= bshape[a];
        }

        for (int a = ax + 1; a < bshape.Length; a++)
        {
            inner *= bshape[a];
        }

        var outShape = (long[])bshape.Clone();
        outShape[ax] = 1;
        var partial = NDArray.Empty<long>([2, .. outShape]);
        long m = outer * inner;
        long* o = partial.Pointer;
        for (long p = 0; p < outer; p++)
        {
            for (long q = 0; q < inner; q++)
            {
                T* run = x + (p * n * inner) + q;
                long best = 0;
                for (long k = 1; k < n; k++)
                {
                    if (Beats(run[k * inner], k, run[best * inner], best, max))
                    {
                        best = k;
                    }
                }

                long at = (p * inner) + q;
                o[at] = Bits(run[best * inner]);
                o[m + at] = offset[ax] + best;
            }
        }

        GC.KeepAlive(block);
        return partial;
    }

    private static NDArray<long> Merge<T>(object?[] partials, bool max)
        where T : unmanaged, INumber<T>
    {
        var result = ((NDArray<long>)partials[0]!).Copy();
        long m = result.Size / 2;
        long* r = result.Pointer;
        for (int p = 1; p < partials.Length; p++)
        {
            var other = (NDArray<long>)partials[p]!;
            using var dense = other.IsContiguous ? null : other.Copy();
            long* q = (dense ?? other).Pointer;
            for (long i = 0; i < m; i++)
            {
                if (Beats(Value<T>(q[i]), q[m + i], Value<T>(r[i]), r[m + i], max))
                {
                    r[i] = q[i];
                    r[m + i] = q[m + i];
                }
            }

            GC.KeepAlive(other);
        }

        return result;
    }

    // Whether (a at ia) wins over (b at ib).
    private static bool Beats<T>(T a, long ia, T b, long ib, bool max)
        where T : INumber<T>
    {
        bool an = T.IsNaN(a), bn = T.IsNaN(b);
        if (an || bn)
        {
            return an && (!bn || ia < ib);
        }

        if (a == b)
        {
            return ia < ib;
        }

        return max ? a > b : a < b;
    }

    private static long GlobalFlat(long local, long[] blockShape, long[] offset, long[] shape)
    {
        long flat = 0;
        long rest = local;
        var index = new long[blockShape.Length];
        for (int a = blockShape.Length - 1; a >= 0; a--)
        {
            index[a] = rest % blockShape[a];
            rest /= blockShape[a];
        }

        for (int a = 0; a < shape.Length; a++)
        {
            flat = (flat * shape[a]) + offset[a] + index[a];
        }

        return flat;
    }

    private static long Bits<T>(T value)
        where T : unmanaged
    {
        long bits = 0;
        Unsafe.As<long, T>(ref bits) = value;
        return bits;
    }

    private static T Value<T>(long bits)
        where T : unmanaged => Unsafe.As<long, T>(ref bits);
}
