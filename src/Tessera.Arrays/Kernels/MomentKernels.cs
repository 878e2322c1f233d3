namespace Tessera.Arrays.Kernels;

/// <summary>
/// Variance partials: per output element (count, mean, M2) — M2 being the sum of squared deviations
/// from the mean — stacked on a leading axis of length 3. A block's partial is computed in two
/// passes (mean, then deviations) and partials merge with Chan et al.'s parallel formula, so a
/// large mean (1e9 + noise) loses no digits of the spread.
/// </summary>
internal static unsafe class MomentKernels
{
    public static NDArray<double> Chunk<T>(NDArray<T> block, int[] axes)
        where T : unmanaged
    {
        var x = typeof(T) == typeof(double) ? (NDArray<double>)(object)block : block.AsType<double>();
        try
        {
            long count = 1;
            foreach (var a in axes)
            {
                count *= block.Shape[a];
            }

            using var mean = x.Mean(axes, keepDims: true);
            using var deviation = x - mean;
            deviation.MultiplyInPlace(deviation);
            using var m2 = deviation.Sum(axes, keepDims: true);
            var result = NDArray.Empty<double>([3, .. mean.Shape]);
            long m = mean.Size;
            double* o = result.Pointer;
            new Span<double>(o, checked((int)m)).Fill(count);
            Copy(mean, o + m);
            Copy(m2, o + (2 * m));
            return result;
        }
        finally
        {
            if (!ReferenceEquals(x, block))
            {
                x.Dispose();
            }
        }
    }

    public static NDArray<double> Combine(object?[] partials)
    {
        var first = (NDArray<double>)partials[0]!;
        var result = first.Copy();
        long m = result.Size / 3;
        double* r = result.Pointer;
        for (int p = 1; p < partials.Length; p++)
        {
            var other = (NDArray<double>)partials[p]!;
            using var dense = other.IsContiguous ? null : other.Copy();
            double* q = (dense ?? other).Pointer;
            for (long i = 0; i < m; i++)
            {
                double na = r[i], nb = q[i];
                double n = na + nb;
                if (nb == 0)
                {
                    continue;
                }

                if (na == 0)
                {
                    r[i] = nb;
                    r[m + i] = q[m + i];
                    r[(2 * m) + i] = q[(2 * m) + i];
                    continue;
                }

                double delta = q[m + i] - r[m + i];
                r[m + i] += delta * nb / n;
                r[(2 * m) + i] += q[(2 * m) + i] + (delta * delta * na * nb / n);
                r[i] = n;
            }

            GC.KeepAlive(other);
        }

        return result;
    }

    /// <summary>The variance (<paramref name="std"/>: its square root) from a merged partial, with <paramref name="ddof"/> degrees of freedom removed.</summary>
    public static NDArray<double> Finish(object partial, double ddof, bool std)
    {
        var p = (NDArray<double>)partial;
        using var dense = p.IsContiguous ? null : p.Copy();
        double* q = (dense ?? p).Pointer;
        long m = p.Size / 3;
        var result = NDArray.Empty<double>(p.Shape[1..].ToArray());
        double* o = result.Pointer;
        for (long i = 0; i < m; i++)
        {
            double divisor = Math.Max(q[i] - ddof, 0);
            double v = q[(2 * m) + i] / divisor;
            o[i] = std ? Math.Sqrt(v) : v;
        }

        GC.KeepAlive(p);
        return result;
    }

    private static void Copy(NDArray<double> source, double* destination)
    {
        using var dense = source.IsContiguous && !source.IsConstant ? null : source.Copy();
        new ReadOnlySpan<double>((dense ?? source).Pointer, checked((int)source.Size)).CopyTo(new Span<double>(destination, checked((int)source.Size)));
    }
}
