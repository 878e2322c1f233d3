namespace Tessera.Tests.Chunks;

/// <summary>Plain-loop reference helpers for NDArray tests.</summary>
internal static class Ref
{
    public static long[] RandomShape(Random r, int maxDims = 4, int maxDim = 5, int minDims = 1)
    {
        var nd = r.Next(minDims, maxDims + 1);
        var s = new long[nd];
        for (var i = 0; i < nd; i++)
        {
            s[i] = r.Next(1, maxDim + 1);
        }

        return s;
    }

    public static long Size(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    public static IEnumerable<long[]> Indices(long[] shape)
    {
        if (shape.Any(d => d == 0))
        {
            yield break;
        }

        var idx = new long[shape.Length];
        while (true)
        {
            yield return (long[])idx.Clone();
            var d = shape.Length - 1;
            for (; d >= 0; d--)
            {
                if (++idx[d] < shape[d])
                {
                    break;
                }

                idx[d] = 0;
            }

            if (d < 0)
            {
                yield break;
            }
        }
    }

    public static long Flat(long[] idx, long[] shape)
    {
        long f = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            f = (f * shape[i]) + idx[i];
        }

        return f;
    }

    /// <summary>Index into an operand of <paramref name="shape"/> broadcast to the index space of <paramref name="idx"/>.</summary>
    public static long BroadcastFlat(long[] idx, long[] shape)
    {
        var lead = idx.Length - shape.Length;
        long f = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            f = (f * shape[i]) + (shape[i] == 1 ? 0 : idx[i + lead]);
        }

        return f;
    }

    public static long[] RandomLongs(Random r, long n) => Enumerable.Range(0, (int)n).Select(_ => (long)r.Next(-50, 50)).ToArray();

    /// <summary>A shape that broadcasts against <paramref name="shape"/>: some trailing dims, some set to 1.</summary>
    public static long[] BroadcastPartner(Random r, long[] shape)
    {
        var keep = r.Next(0, shape.Length + 1);
        return shape.Skip(shape.Length - keep).Select(d => r.Next(3) == 0 ? 1L : d).ToArray();
    }

    /// <summary>Indices selected by a Python slice, computed by brute force.</summary>
    public static long[] SliceIndices(long n, long? start, long? stop, long step)
    {
        var result = new List<long>();
        long s, e;
        if (step > 0)
        {
            s = start is { } a ? (a < 0 ? Math.Max(a + n, 0) : Math.Min(a, n)) : 0;
            e = stop is { } b ? (b < 0 ? Math.Max(b + n, 0) : Math.Min(b, n)) : n;
            for (var i = s; i < e; i += step)
            {
                result.Add(i);
            }
        }
        else
        {
            s = start is { } a ? (a < 0 ? Math.Max(a + n, -1) : Math.Min(a, n - 1)) : n - 1;
            e = stop is { } b ? (b < 0 ? Math.Max(b + n, -1) : Math.Min(b, n - 1)) : -1;
            for (var i = s; i > e; i += step)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }
}
