using System.Numerics.Tensors;

namespace Tessera.Arrays.Randomness;

/// <summary>
/// Builds one block of a random array. Element <c>i</c> (its C-order index in the whole array) uses
/// Philox counter <c>(i / 2, draw, stream)</c> under the seed, taking words 0-1 or 2-3 by the parity
/// of <c>i</c>, so its value depends on the seed, the stream and <c>i</c> only: never on the chunking,
/// the scheduler or the number of workers. Normals use both halves of one counter (Box–Muller, cos
/// for even <c>i</c>, sin for odd); samplers that may reject draw again with the next draw number.
/// </summary>
internal static unsafe class RandomKernels
{
    private const int NormalBatch = 64;

    public static NDArray<T> Block<T>(RandomSpec spec, long[] shape, long[] offset, long[] blockShape)
        where T : unmanaged
    {
        var block = NDArray.Empty<T>(blockShape);
        if (block.Size == 0)
        {
            return block;
        }

        int nd = blockShape.Length;
        long run = nd == 0 ? 1 : blockShape[nd - 1];
        long runs = block.Size / run;
        var index = new long[nd];
        T* o = block.Pointer;
        for (long r = 0; r < runs; r++)
        {
            long start = 0;
            for (int a = 0; a < nd; a++)
            {
                start = (start * shape[a]) + offset[a] + index[a];
            }

            Fill(spec, start, run, o + (r * run));
            for (int a = nd - 2; a >= 0; a--)
            {
                if (++index[a] < blockShape[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }

        return block;
    }

    private static void Fill<T>(RandomSpec spec, long start, long n, T* o)
        where T : unmanaged
    {
        uint k0 = (uint)spec.Seed, k1 = (uint)(spec.Seed >> 32), stream = spec.Stream;
        if (spec.Kind == Distribution.Normal && typeof(T) == typeof(double))
        {
            FillNormal(spec.A, spec.B, start, n, (double*)o, stream, k0, k1);
            return;
        }

        for (long j = 0; j < n; j++)
        {
            long i = start + j;
            T value;
            switch (spec.Kind)
            {
                case Distribution.Normal:
                    {
                        ulong pair = (ulong)i >> 1;
                        var (x0, x1, x2, x3) = Philox.Block((uint)pair, (uint)(pair >> 32), 0, stream, k0, k1);
                        double u1 = 1.0 - Philox.Unit(x0, x1);
                        double u2 = Philox.Unit(x2, x3);
                        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
                        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
                        value = As<T>(spec.A + (spec.B * radius * ((i & 1) == 0 ? cos : sin)));
                        break;
                    }

                case Distribution.Uniform:
                    value = As<T>(spec.A + ((spec.B - spec.A) * Draw(i, 0, stream, k0, k1)));
                    break;
                case Distribution.Exponential:
                    value = As<T>(-spec.A * Math.Log(1.0 - Draw(i, 0, stream, k0, k1)));
                    break;
                case Distribution.Integers:
                    value = As<T>(Integer(i, (long)spec.A, (long)spec.B, stream, k0, k1));
                    break;
                case Distribution.Poisson:
                    value = As<T>(Samplers.Poisson(spec.A, i, stream, k0, k1));
                    break;
                default:
                    value = As<T>(Samplers.Binomial((long)spec.A, spec.B, i, stream, k0, k1));
                    break;
            }

            o[j] = value;
        }
    }

    /// <summary>
    /// Normals for elements [start, start + n): one Philox block and one Box–Muller step per pair of elements,
    /// in batches of <see cref="NormalBatch"/> pairs aligned on global pair indices, the logarithm, square root
    /// and sine/cosine through <see cref="TensorPrimitives"/> (SIMD). A pair always falls in the same lane of
    /// the same batch whatever the run that asked for it, so its value does not depend on the chunking.
    /// </summary>
    private static void FillNormal(double loc, double scale, long start, long n, double* o, uint stream, uint k0, uint k1)
    {
        long end = start + n;
        Span<double> radius = stackalloc double[NormalBatch];
        Span<double> angle = stackalloc double[NormalBatch];
        Span<double> sin = stackalloc double[NormalBatch];
        Span<double> cos = stackalloc double[NormalBatch];
        long lastPair = (end - 1) >> 1;
        for (long first = (start >> 1) / NormalBatch * NormalBatch; first <= lastPair; first += NormalBatch)
        {
            for (int j = 0; j < NormalBatch; j++)
            {
                ulong pair = (ulong)(first + j);
                var (x0, x1, x2, x3) = Philox.Block((uint)pair, (uint)(pair >> 32), 0, stream, k0, k1);
                radius[j] = 1.0 - Philox.Unit(x0, x1);
                angle[j] = 2.0 * Math.PI * Philox.Unit(x2, x3);
            }

            TensorPrimitives.Log(radius, radius);
            TensorPrimitives.Multiply(radius, -2.0, radius);
            TensorPrimitives.Sqrt(radius, radius);
            TensorPrimitives.SinCos(angle, sin, cos);
            for (int j = 0; j < NormalBatch; j++)
            {
                long even = (first + j) << 1;
                double r = scale * radius[j];
                if (even >= start && even < end)
                {
                    o[even - start] = loc + (r * cos[j]);
                }

                if (even + 1 >= start && even + 1 < end)
                {
                    o[even + 1 - start] = loc + (r * sin[j]);
                }
            }
        }
    }

    /// <summary>Uniform double in [0, 1) for element <paramref name="i"/>, draw <paramref name="draw"/>.</summary>
    internal static double Draw(long i, uint draw, uint stream, uint k0, uint k1)
    {
        ulong pair = (ulong)i >> 1;
        var (x0, x1, x2, x3) = Philox.Block((uint)pair, (uint)(pair >> 32), draw, stream, k0, k1);
        return (i & 1) == 0 ? Philox.Unit(x0, x1) : Philox.Unit(x2, x3);
    }

    private static ulong Bits(long i, uint draw, uint stream, uint k0, uint k1)
    {
        ulong pair = (ulong)i >> 1;
        var (x0, x1, x2, x3) = Philox.Block((uint)pair, (uint)(pair >> 32), draw, stream, k0, k1);
        return (i & 1) == 0 ? ((ulong)x0 << 32) | x1 : ((ulong)x2 << 32) | x3;
    }

    // Lemire's multiply-shift with rejection: exactly uniform on [low, high).
    private static long Integer(long i, long low, long high, uint stream, uint k0, uint k1)
    {
        ulong range = (ulong)(high - low);
        ulong threshold = (0 - range) % range;
        for (uint draw = 0; ; draw++)
        {
            UInt128 product = (UInt128)Bits(i, draw, stream, k0, k1) * range;
            if ((ulong)product >= threshold)
            {
                return low + (long)(ulong)(product >> 64);
            }
        }
    }

    private static T As<T>(double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)value;
        }

        if (typeof(T) == typeof(float))
        {
            return (T)(object)(float)value;
        }

        return (T)(object)(long)value;
    }

    private static T As<T>(long value)
        where T : unmanaged => (T)(object)value;
}
