using System.Globalization;
using FsCheck.Xunit;

namespace Tessera.Arrays.Tests.Rechunking;

public class RechunkPlannerTests
{
    private const long MiB = 1024 * 1024;

    private static Chunks N(long[] block, long[] shape) => ChunkSpec.BlockShape(block).Normalize(shape);

    private static string Summary(IEnumerable<Chunks> plan) => string.Join(
        " | ",
        plan.Select(c => string.Join(
            ";",
            Enumerable.Range(0, c.Rank).Select(d => string.Create(
                CultureInfo.InvariantCulture,
                $"{c[d].Count},{c[d].Max()},{c[d][0]},{c[d][^1]},{c[d].Sum()}")))));

    [Fact]
    public void Split_only_rechunk_is_direct()
    {
        long[] shape = [10, 16384, 16384];
        Chunks target = N([1, 4096, 4096], shape);
        IReadOnlyList<Chunks> plan = RechunkPlanner.PlanRechunk(N([1, 16384, 16384], shape), target, 8);
        Assert.Equal(target, Assert.Single(plan));
    }

    [Fact]
    public void Same_chunks_and_1d_are_direct()
    {
        Chunks c = N([10, 10], [100, 100]);
        Assert.Single(RechunkPlanner.PlanRechunk(c, c, 8));
        Assert.Single(RechunkPlanner.PlanRechunk(new Chunks(Enumerable.Repeat(1L, 1000).ToArray()), new Chunks([1000L]), 8, 8));
    }

    [Theory]
    [InlineData(100, 10000, 10000, 100, 10000, 10000, 8, 8 * MiB,
        "97,104,103,104,10000;1,10000,10000,10000,10000 | 24,417,416,417,10000;4,2500,2500,2500,10000 | 7,1429,1428,1429,10000;16,700,700,600,10000 | 2,5000,5000,5000,10000;64,200,200,100,10000 | 1,10000,10000,10000,10000;100,100,100,100,10000")]
    [InlineData(5, 2000, 2000, 5, 2000, 2000, 8, 100000,
        "334,6,5,6,2000;1,2000,2000,2000,2000 | 80,25,25,25,2000;4,500,500,500,2000 | 20,100,100,100,2000;16,125,125,125,2000 | 6,334,333,334,2000;64,35,35,30,2000 | 1,2000,2000,2000,2000;400,5,5,5,2000")]
    [InlineData(10, 10000, 10000, 10, 10000, 10000, 8, 128 * MiB,
        "6,1667,1666,1667,10000;1,10000,10000,10000,10000 | 1,10000,10000,10000,10000;1000,10,10,10,10000")]
    public void Rows_to_columns_matches_dask_plan(long o0, long o1, long n0, long n1, long s0, long s1, int itemSize, long limit, string expected)
    {
        IReadOnlyList<Chunks> plan = RechunkPlanner.PlanRechunk(N([o0, o1], [s0, s1]), N([n0, n1], [s0, s1]), itemSize, limit);
        Assert.Equal(expected, Summary(plan));
        Assert.All(plan, c => Assert.True(c.LargestBlockElements * itemSize <= limit));
    }

    [Fact]
    public void Three_d_plan_matches_dask()
    {
        long[] shape = [1000, 1000, 1000];
        IReadOnlyList<Chunks> plan = RechunkPlanner.PlanRechunk(N([1, 1000, 1000], shape), N([1000, 1000, 1], shape), 4, 16 * MiB);
        Assert.Equal(
            "250,4,4,4,1000;1,1000,1000,1000,1000;1,1000,1000,1000,1000 | 63,16,15,16,1000;1,1000,1000,1000,1000;4,250,250,250,1000 | 16,63,62,63,1000;1,1000,1000,1000,1000;16,63,63,62,1000 | 4,250,250,250,1000;1,1000,1000,1000,1000;64,16,16,15,1000 | 1,1000,1000,1000,1000;1,1000,1000,1000,1000;1000,1,1,1,1000",
            Summary(plan));
    }

    [Fact]
    public void Rejects_shape_change_and_bad_item_size()
    {
        Assert.Throws<ArgumentException>(() => RechunkPlanner.PlanRechunk(new Chunks([5], [5]), new Chunks([6], [5]), 8));
        Assert.Throws<ArgumentException>(() => RechunkPlanner.PlanRechunk(new Chunks([5], [5]), new Chunks([5], [5]), 0));
    }

    [Property(MaxTest = 100)]
    public void Plans_end_at_target_and_respect_limit(int seed)
    {
        var rng = new Random(seed);
        int rank = rng.Next(2, 4);
        long[] shape = Enumerable.Range(0, rank).Select(_ => (long)rng.Next(1, 400)).ToArray();
        long[] RandomBlock() => shape.Select(s => (long)rng.Next(1, (int)s + 1)).ToArray();
        Chunks oldC = N(RandomBlock(), shape), newC = N(RandomBlock(), shape);
        int itemSize = rng.Next(1, 9);
        long limit = rng.Next(1, 200_000);
        IReadOnlyList<Chunks> plan = RechunkPlanner.PlanRechunk(oldC, newC, itemSize, limit);
        Assert.Equal(newC, plan[^1]);
        long bound = Math.Max(limit / itemSize, Math.Max(oldC.LargestBlockElements, newC.LargestBlockElements));
        Assert.All(plan, c =>
        {
            Assert.Equal(shape, c.Shape);
            Assert.True(c.LargestBlockElements <= bound, $"{c} exceeds {bound}");
        });
    }
}
