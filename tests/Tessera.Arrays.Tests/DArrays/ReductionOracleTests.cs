using Tessera.Scheduling;
using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

public class ReductionOracleTests
{
    public static TheoryData<string, string> Kinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in new[] { "sync", "threaded" })
        {
            foreach (var k in new[] { "sum", "prod", "min", "max" })
            {
                data.Add(s, k);
            }
        }

        return data;
    }

    private static (Func<long, long, long> Op, long Identity) Oracle(string kind) => kind switch
    {
        "sum" => ((a, b) => a + b, 0),
        "prod" => ((a, b) => a * b, 1),
        "min" => (Math.Min, long.MaxValue),
        "max" => (Math.Max, long.MinValue),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static DArray<long> Apply(DArray<long> x, string kind, int[]? axes, bool keepDims, int split) => (kind, axes) switch
    {
        ("sum", null) => x.Sum((int?)null, keepDims, split),
        ("prod", null) => x.Prod((int?)null, keepDims, split),
        ("min", null) => x.Min((int?)null, keepDims, split),
        ("max", null) => x.Max((int?)null, keepDims, split),
        ("sum", _) => x.Sum(axes, keepDims, split),
        ("prod", _) => x.Prod(axes, keepDims, split),
        ("min", _) => x.Min(axes, keepDims, split),
        ("max", _) => x.Max(axes, keepDims, split),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static int[] Resolve(int[]? axes, int ndim) =>
        axes is null ? [.. Enumerable.Range(0, ndim)] : [.. axes.Select(a => a < 0 ? a + ndim : a).Distinct().Order()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Reduction_matches_oracle(string scheduler, string kind) => Gen.ForAll(scheduler, 10 + kind.Length, (r, i) =>
    {
        var shape = Gen.Shape(r);
        int max = kind == "prod" ? 3 : 100;
        var d = Gen.Data(r, shape, max);
        if (kind == "prod")
        {
            // small values, at most ~60 non-trivial factors: no overflow
            d = new Dense(shape, [.. d.Data.Select((v, k) => k % 5 == 0 ? v : (v == 0 ? 1 : Math.Sign(v)))]);
        }

        var chunks = Gen.Chunks(r, shape);
        var x = Gen.Lazy(d, chunks);
        int[]? axes = r.Next(4) == 0 ? null : Gen.AxisSet(r, shape.Length);
        bool keep = r.Next(2) == 0;
        int split = r.Next(2, 6);
        var (op, identity) = Oracle(kind);
        var expected = d.Reduce(Resolve(axes, shape.Length), keep, op, identity);
        var y = Apply(x, kind, axes, keep, split);
        Assert.Equal(expected.Shape, y.Shape);
        Gen.Equal(expected, y.Compute(), $"case {i} {kind} axes [{string.Join(",", axes ?? [])}] keep={keep} split={split} {Gen.Describe(shape, chunks)}");
    });

    [Theory]
    [InlineData("sync", 2)]
    [InlineData("threaded", 3)]
    [InlineData("threaded", 8)]
    public void Folds_over_a_stacked_axis_in_one_chain_per_memory_space_match_oracle(string scheduler, int spaces)
    {
        using var scope = Scheduler.Use(new MemorySpacesScheduler(Gen.SchedulerFor(scheduler), spaces));
        for (int i = 0; i < 60; i++)
        {
            var r = new Random((spaces * 104729) + i);
            var shape = Gen.Shape(r, 1);
            var chunks = Gen.Chunks(r, shape);

            // The stacked axis: one element per block, so the reduction over it folds.
            chunks[0] = [.. Enumerable.Repeat(1L, (int)shape[0])];
            var d = Gen.Data(r, shape);
            var kind = new[] { "sum", "min", "max" }[r.Next(3)];
            bool keep = r.Next(2) == 0;
            var (op, identity) = Oracle(kind);
            var expected = d.Reduce([0], keep, op, identity);
            Gen.Equal(expected, Apply(Gen.Lazy(d, chunks), kind, [0], keep, 4).Compute(), $"case {i} {kind} keep={keep} spaces={spaces} {Gen.Describe(shape, chunks)}");
        }
    }

    [Fact]
    public void A_stacked_sum_folds_in_one_chain_per_memory_space_joined_at_the_end()
    {
        // 10 thin blocks over a 2x2 block grid, 2 memory spaces: per output block two chains of 5 inputs (4 steps
        // each) and one join, instead of one chain of 9 steps.
        var x = DArray.FromArray(NDArray.Arange<long>(10 * 4 * 4).Reshape(10, 4, 4), ChunkSpec.BlockShape(1, 2, 2));
        int Count(string layer, int spaces)
        {
            using var scope = Scheduler.Use(new MemorySpacesScheduler(new SynchronousScheduler(), spaces));
            return x.Sum(0).Plan(optimize: true).Graph.Layers.Where(l => l.Name.EndsWith(layer, StringComparison.Ordinal)).Sum(static l => l.Count);
        }

        Assert.Equal(4 * 9, Count("-fold", 1));
        Assert.Equal(0, Count("-join", 1));
        Assert.Equal(4 * 8, Count("-fold", 2));
        Assert.Equal(4, Count("-join", 2));

        // 4 spaces: chains of 3, 3, 2, 2 inputs (the longer ones first, as the scheduler deals roots to equal workers),
        // joined pairwise: 3 joins per block, 2 deep.
        int Steps(int spaces, int chain)
        {
            using var scope = Scheduler.Use(new MemorySpacesScheduler(new SynchronousScheduler(), spaces));
            return x.Sum(0).Plan(optimize: true).Graph.Layers.Where(static l => l.Name.EndsWith("-fold", StringComparison.Ordinal))
                .SelectMany(static l => l.Tasks).Count(t => t.Key.Index[0] == chain && t.Key.Index[^2..].SequenceEqual([0, 0]));
        }

        Assert.Equal([2, 2, 1, 1], Enumerable.Range(0, 4).Select(c => Steps(4, c)));
        Assert.Equal(4 * 3, Count("-join", 4));

        // More spaces than inputs: each input is its own chain, all joined.
        Assert.Equal(0, Count("-fold", 16));
        Assert.Equal(4 * 9, Count("-join", 16));

        using var sync = Scheduler.Use(new MemorySpacesScheduler(new SynchronousScheduler(), 3));
        var expected = Enumerable.Range(0, 16).Select(static j => Enumerable.Range(0, 10).Sum(f => (long)((f * 16) + j))).ToArray();
        Assert.Equal(expected, x.Sum(0).Compute().ToArray());
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Sum_of_everything_is_0d(string scheduler) => Gen.ForAll(scheduler, 20, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var (x, d) = Gen.Random(r, shape);
        var s = x.Sum();
        Assert.Empty(s.Shape);
        var result = s.Compute();
        Assert.Equal(0, result.NDim);
        Assert.Equal(d.Data.Sum(), result.ToArray().Single());
    }, 50);

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Mean_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 21, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var (x, d) = Gen.Random(r, shape);
        int[]? axes = r.Next(3) == 0 ? null : Gen.AxisSet(r, shape.Length);
        bool keep = r.Next(2) == 0;
        var resolved = Resolve(axes, shape.Length);
        var sums = d.Reduce(resolved, keep, (a, b) => a + b, 0);
        double count = resolved.Aggregate(1.0, (n, a) => n * shape[a]);
        var mean = x.Mean(axes, keep).Compute();
        Assert.Equal(sums.Shape, mean.Shape.ToArray());
        var actual = mean.ToArray();
        for (int k = 0; k < actual.Length; k++)
        {
            Assert.Equal(sums.Data[k] / count, actual[k], 9);
        }
    }, 100);

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Any_all_match_oracle(string scheduler) => Gen.ForAll(scheduler, 22, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var d = Gen.Data(r, shape, 2);
        d = new Dense(shape, [.. d.Data.Select(v => r.Next(6) == 0 ? 0 : (r.Next(8) == 0 ? 0 : 1) * (v == 0 ? 1 : v))]);
        var chunks = Gen.Chunks(r, shape);
        var x = Gen.Lazy(d, chunks);
        int? axis = shape.Length == 0 || r.Next(3) == 0 ? null : r.Next(-shape.Length, shape.Length);
        bool keep = r.Next(2) == 0;
        int[] axes = axis is { } a ? [a < 0 ? a + shape.Length : a] : [.. Enumerable.Range(0, shape.Length)];
        var any = d.Reduce(axes, keep, (p, q) => (p != 0 || q != 0) ? 1 : 0, 0);
        var all = d.Reduce(axes, keep, (p, q) => (p != 0 && q != 0) ? 1 : 0, 1);
        string ctx = $"case {i} axis {axis} keep={keep} {Gen.Describe(shape, chunks)}";
        Gen.Equal(any, x.Any(axis, keep).Compute(), "any " + ctx);
        Gen.Equal(all, x.All(axis, keep).Compute(), "all " + ctx);

        // on a bool array itself
        var b = DArray.FromArray(
            shape.Length == 0 ? NDArray.Scalar(d.Data[0] != 0) : NDArray.Wrap(d.Data.Select(v => v != 0).ToArray(), shape),
            ChunkSpec.PerAxis(chunks));
        Gen.Equal(any, b.Any(axis, keep).Compute(), "bool any " + ctx);
        Gen.Equal(all, b.All(axis, keep).Compute(), "bool all " + ctx);
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Thin_blocks_and_irregular_multi_axis(string scheduler)
    {
        using var scope = Tessera.Scheduling.Scheduler.Use(Gen.SchedulerFor(scheduler));
        var r = new Random(5);
        var shape = new long[] { 7, 1, 5, 3 };
        var d = Gen.Data(r, shape);
        var x = Gen.Lazy(d, [[1, 1, 1, 1, 1, 1, 1], [1], [2, 3], [1, 1, 1]]);
        foreach (var axes in new[] { new[] { 0 }, [0, 1], [0, 3], [1], [2, 3], [0, 1, 2, 3], [1, 3] })
        {
            foreach (var keep in new[] { true, false })
            {
                for (int split = 2; split <= 5; split++)
                {
                    Gen.Equal(d.Reduce(axes, keep, (a, b) => a + b, 0), x.Sum(axes, keep, split).Compute(), $"axes [{string.Join(",", axes)}] keep={keep} split={split}");
                    Gen.Equal(d.Reduce(axes, keep, Math.Max, long.MinValue), x.Max(axes, keep, split).Compute(), $"max axes [{string.Join(",", axes)}] keep={keep} split={split}");
                }
            }
        }
    }
}
