using System.Numerics;

namespace Tessera.Arrays.Kernels;

/// <summary>Cumulative sums and products inside one block, and the carry from the blocks before it.</summary>
internal static unsafe class ScanKernels
{
    /// <summary>The running sum (or product) of <paramref name="block"/> along <paramref name="axis"/>, as a new C-contiguous block.</summary>
    public static NDArray<T> Scan<T>(NDArray<T> block, int axis, bool product)
        where T : unmanaged
    {
        var result = block.Copy();
        long n = result.Shape[axis];
        long outer = 1, inner = 1;
        for (int a = 0; a < axis; a++)
        {
            outer *= result.Shape[a];
        }

        for (int a = axis + 1; a < result.NDim; a++)
        {
            inner *= result.Shape[a];
        }

        if (result.Size == 0 || n <= 1)
        {
            return result;
        }

        T* p = result.Pointer;
        if (typeof(T) == typeof(double)) { Run((double*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(float)) { Run((float*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(Half)) { Run((Half*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(long)) { Run((long*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(ulong)) { Run((ulong*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(int)) { Run((int*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(uint)) { Run((uint*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(short)) { Run((short*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(ushort)) { Run((ushort*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(sbyte)) { Run((sbyte*)p, outer, n, inner, product); }
        else if (typeof(T) == typeof(byte)) { Run((byte*)p, outer, n, inner, product); }
        else
        {
            result.Dispose();
            throw new NotSupportedException($"A cumulative {(product ? "product" : "sum")} is not defined for dtype {DTypes.Name<T>()}.");
        }

        return result;
    }

    /// <summary>The last slice of a scanned block along <paramref name="axis"/> (length 1 kept), combined with the carry before it.</summary>
    public static NDArray<T> Carry<T>(NDArray<T>? previousCarry, NDArray<T> scanned, int axis, bool product)
        where T : unmanaged
    {
        var specs = new SliceSpec[scanned.NDim];
        for (int a = 0; a < specs.Length; a++)
        {
            specs[a] = a == axis ? SliceSpec.Range(scanned.Shape[a] - 1, scanned.Shape[a]) : SliceSpec.All;
        }

        using var last = scanned.Slice(specs);
        if (previousCarry is null)
        {
            return last.Copy();
        }

        return product ? previousCarry * last : previousCarry + last;
    }

    /// <summary>A scanned block with the carry of the blocks before it applied (broadcast along the axis).</summary>
    public static NDArray<T> Apply<T>(NDArray<T> scanned, NDArray<T> carry, bool product)
        where T : unmanaged => product ? scanned * carry : scanned + carry;

    private static void Run<T>(T* p, long outer, long n, long inner, bool product)
        where T : unmanaged, INumberBase<T>
    {
        for (long o = 0; o < outer; o++)
        {
            T* plane = p + (o * n * inner);
            for (long k = 1; k < n; k++)
            {
                T* row = plane + (k * inner);
                T* prev = row - inner;
                if (product)
                {
                    for (long i = 0; i < inner; i++)
                    {
                        row[i] = unchecked(row[i] * prev[i]);
                    }
                }
                else
                {
                    for (long i = 0; i < inner; i++)
                    {
                        row[i] = unchecked(row[i] + prev[i]);
                    }
                }
            }
        }
    }
}
