using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>The reference job (facets → stack → rechunk → sum → one row) at small scale: what the optimised graph does.</summary>
public class SlicePushdownGraphTests
{
    private const int Facets = 10;

    private static DArray<long> Stacked(int n) =>
        DArray.Stack(Enumerable.Range(0, Facets).Select(i =>
            DArray.FromDelayed(Delayed.Call(k => k * NDArray.Ones<long>(n, n), (long)i), [n, n])));

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void Row_of_the_facet_sum_touches_one_row_per_facet(int n)
    {
        var job = Stacked(n).Rechunk(1, n / 4, n / 4).Sum(0)[0, ..];
        var plan = job.Plan(optimize: true);
        long facetBytes = plan.BytesTouchedBy("from-value");
        long rowBytes = (long)n * 8;
        Assert.Equal(Facets * (long)n * n * 8, facetBytes);
        long rest = plan.BytesTouched - facetBytes;
        Assert.True(rest <= Facets * rowBytes * 5, $"outside the facets {rest} bytes were touched; a row is {rowBytes}");

        // 10 delayed facets + 10 from-value + 10 row views + 10 stack + 40 rechunk views (10 x 4 pieces of the row)
        // + the sum over 10 thin blocks folded in place: 9 steps for each of the 4 row blocks, 4 views dropping the
        // facet axis + 4 views of row 0.
        Assert.Equal(124, plan.Graph.Count);

        var full = Stacked(n).Rechunk(1, n / 4, n / 4).Sum(0).Plan(optimize: true);
        long fullRest = full.BytesTouched - full.BytesTouchedBy("from-value");
        Assert.True(fullRest >= Facets * (long)n * n * 8, $"the unsliced sum touched only {fullRest} bytes");

        using var scope = Scheduler.Use(new SynchronousScheduler());
        Assert.Equal(Enumerable.Repeat(45L, n), job.Compute().ToArray());
    }

    [Fact]
    public void Row_of_a_function_source_builds_only_row_blocks()
    {
        const int n = 16;
        int calls = 0;
        var x = DArray.FromFunction(
            info =>
            {
                Interlocked.Increment(ref calls);
                return NDArray.Full((long)info.Index[0], info.Shape);
            },
            [Facets, n, n],
            ChunkSpec.BlockShape(1, n / 4, n / 4));
        var job = x.Sum(0)[0, ..];
        var plan = job.Plan(optimize: true);
        Assert.Equal(Facets * 4, plan.Graph.Layers.Where(l => l.Name.StartsWith("from-function", StringComparison.Ordinal)).Sum(l => l.Tasks.Count));
        long built = plan.BytesTouchedBy("from-function");
        Assert.Equal(Facets * 4 * (n / 4) * (n / 4) * 8L, built);
        Assert.True(plan.BytesTouched - built <= Facets * n * 8 * 3, $"{plan.BytesTouched - built} bytes touched outside the source");
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.Equal(Enumerable.Repeat(45L, n), job.Compute().ToArray());
        Assert.Equal(Facets * 4, calls);
    }
}
