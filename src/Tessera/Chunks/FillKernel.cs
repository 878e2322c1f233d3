using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera;

/// <summary>
/// Fills runs of elements with one value: the kernel behind <see cref="NDArray{T}.Fill"/>, a constant materialising,
/// and a scalar result spread over an array (<c>i * Ones(n, n)</c>). Compiled fully optimised from its first call:
/// a worker process calls it a handful of times per run, too few for tiered compilation to replace the first,
/// unoptimised code, and that code filled a 2 GiB facet in 0.11 s against 0.08 s optimised.
/// </summary>
internal static unsafe class FillKernel
{
    /// <summary>Fills of at least this many bytes (32 MiB, beyond any cache) use streaming stores, which skip reading each cache line before writing it.</summary>
    internal const long StreamingBytes = 32L << 20;

    /// <summary>Sets <paramref name="n"/> contiguous elements from <paramref name="p"/> to <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill<T>(T* p, long n, T value)
        where T : unmanaged
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || n < 4 * Vector256<T>.Count)
        {
            for (long done = 0; done < n; done += NDArray.MaxSegmentLength)
            {
                new Span<T>(p + done, (int)Math.Min(NDArray.MaxSegmentLength, n - done)).Fill(value);
            }

            return;
        }

        var v = Vector256.Create(value);
        int lanes = Vector256<T>.Count;
        long i = 0;
        if (Sse.IsSupported && n * sizeof(T) >= StreamingBytes && ((nuint)p % (nuint)sizeof(T)) == 0)
        {
            while (((nuint)(p + i) & 31) != 0)
            {
                p[i++] = value;
            }

            for (long end = n - lanes; i <= end; i += lanes)
            {
                v.StoreAlignedNonTemporal(p + i);
            }

            // Streaming stores are weakly ordered: make them visible before the caller publishes the array.
            Sse.StoreFence();
        }
        else
        {
            for (long end = n - (4 * lanes); i <= end; i += 4 * lanes)
            {
                v.Store(p + i);
                v.Store(p + i + lanes);
                v.Store(p + i + (2 * lanes));
                v.Store(p + i + (3 * lanes));
            }

            for (long end = n - lanes; i <= end; i += lanes)
            {
                v.Store(p + i);
            }
        }

        for (; i < n; i++)
        {
            p[i] = value;
        }
    }
}
