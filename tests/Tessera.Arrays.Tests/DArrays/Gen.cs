using Tessera.Arrays.Tests.Oracle;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Random shapes, chunkings and selections for the oracle property tests, and comparisons.</summary>
internal static class Gen
{
    public const int Cases = 200;

    public static IScheduler SchedulerFor(string name) => name switch
    {
        "sync" => new SynchronousScheduler(),
        "threaded" => new ThreadedScheduler(2),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static long[] Shape(Random r, int minRank = 0, int maxRank = 4)
    {
        int rank = r.Next(minRank, maxRank + 1);
        return [.. Enumerable.Range(0, rank).Select(_ => r.Next(4) == 0 ? 1L : r.Next(1, 13))];
    }

    /// <summary>Per-axis chunk sizes: regular (last one short) or irregular.</summary>
    public static long[][] Chunks(Random r, long[] shape) => [.. shape.Select(n => AxisChunks(r, n))];

    public static long[] AxisChunks(Random r, long n)
    {
        if (n == 0)
        {
            return [0];
        }

        var sizes = new List<long>();
        if (r.Next(2) == 0)
        {
            long c = r.Next(1, (int)n + 1);
            for (long left = n; left > 0; left -= c)
            {
                sizes.Add(Math.Min(c, left));
            }
        }
        else
        {
            for (long left = n; left > 0;)
            {
                long c = Math.Min(left, r.Next(1, 6));
                sizes.Add(c);
                left -= c;
            }
        }

        return [.. sizes];
    }

    public static Dense Data(Random r, long[] shape, int max = 100) => Dense.Random(r, shape, max);

    /// <summary>An NDArray of the oracle's values (NDArray.Wrap takes no shape as 1-d, so 0-d uses Scalar).</summary>
    public static NDArray<long> ToNd(Dense d) =>
        d.NDim == 0 ? NDArray.Scalar(d.Data[0]) : NDArray.Wrap((long[])d.Data.Clone(), d.Shape);

    public static DArray<long> Lazy(Dense d, long[][] chunks) =>
        DArray.FromArray(ToNd(d), ChunkSpec.PerAxis(chunks));

    public static (DArray<long> Lazy, Dense Dense) Random(Random r, long[] shape, int max = 100)
    {
        var d = Data(r, shape, max);
        return (Lazy(d, Chunks(r, shape)), d);
    }

    /// <summary>A random selection of a leading subset of axes, with its oracle form.</summary>
    public static (SliceSpec[] Specs, (long Start, long Stop, long Step, bool Drop)[] Dense) Selection(Random r, long[] shape, bool allowEmpty = true)
    {
        int count = r.Next(0, shape.Length + 1);
        var specs = new SliceSpec[count];
        var dense = new (long, long, long, bool)[shape.Length];
        for (int a = 0; a < shape.Length; a++)
        {
            long n = shape[a];
            SliceSpec spec = a < count ? AxisSpec(r, n, allowEmpty) : SliceSpec.All;
            if (a < count)
            {
                specs[a] = spec;
            }

            var (first, c, step) = spec.Resolve(n, a, shape);
            dense[a] = spec.IsIndex ? (first, first + 1, 1, true) : (first, first + (c * step), step, false);
        }

        return (specs, dense);
    }

    public static SliceSpec AxisSpec(Random r, long n, bool allowEmpty = true)
    {
        if (n == 0)
        {
            return r.Next(2) == 0 ? .. : SliceSpec.Range(r.Next(-2, 3), r.Next(-2, 3), r.Next(1, 3));
        }

        switch (r.Next(7))
        {
            case 0:
                return r.Next((int)n);
            case 1:
                return ^1;
            case 2:
                return -r.Next(1, (int)n + 1);
            case 3:
                return ..;
            default:
                long? start = r.Next(3) == 0 ? null : r.Next(-(int)n, (int)n + 1);
                long? stop = r.Next(3) == 0 ? null : r.Next(-(int)n, (int)n + 2);
                long step = r.Next(4) switch
                {
                    0 => r.Next(2, 5),
                    1 => -r.Next(1, 4),
                    _ => 1,
                };
                var spec = SliceSpec.Range(start, stop, step);
                if (!allowEmpty && spec.Resolve(n, 0, [n]).Count == 0)
                {
                    return ..;
                }

                return spec;
        }
    }

    public static int[] AxisSet(Random r, int ndim)
    {
        var axes = Enumerable.Range(0, ndim).Where(_ => r.Next(2) == 0).ToList();
        if (axes.Count == 0 && ndim > 0)
        {
            axes.Add(r.Next(ndim));
        }

        // some negative aliases
        return [.. axes.Select(a => r.Next(3) == 0 ? a - ndim : a)];
    }

    public static void Equal(Dense expected, NDArray<long> actual, string context)
    {
        Assert.True(
            expected.Shape.AsSpan().SequenceEqual(actual.Shape),
            $"{context}: shape ({string.Join(", ", actual.Shape.ToArray())}) but expected ({string.Join(", ", expected.Shape)})");
        var data = actual.ToArray();
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != expected.Data[i])
            {
                Assert.Fail($"{context}: element {i} is {data[i]} but expected {expected.Data[i]}\nexpected [{string.Join(",", expected.Data)}]\nactual   [{string.Join(",", data)}]");
            }
        }
    }

    public static void Equal(Dense expected, NDArray<bool> actual, string context) =>
        Equal(expected, ToNd(new Dense(actual.Shape.ToArray(), [.. actual.ToArray().Select(b => b ? 1L : 0L)])), context);

    public static string Describe(long[] shape, long[][] chunks) =>
        $"shape ({string.Join(",", shape)}) chunks [{string.Join(" | ", chunks.Select(c => string.Join(",", c)))}]";

    public static string Describe(SliceSpec[] specs) => $"[{string.Join(", ", specs.Select(s => s.ToString()))}]";

    /// <summary>Runs <paramref name="body"/> for each case with its own seed, under the named scheduler.</summary>
    public static void ForAll(string scheduler, int seed, Action<Random, int> body, int cases = Cases)
    {
        using var scope = Scheduler.Use(SchedulerFor(scheduler));
        for (int i = 0; i < cases; i++)
        {
            var r = new Random((seed * 7919) + i);
            try
            {
                body(r, i);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"case {i} (seed {seed}) threw: {e.Message}", e);
            }
        }
    }
}
