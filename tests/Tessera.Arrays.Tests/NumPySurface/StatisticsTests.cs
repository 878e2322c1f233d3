using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.NumPySurface;

public class StatisticsTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Variance_of_data_with_a_large_mean_keeps_its_digits(string scheduler)
    {
        // 1e9 + noise of spread ~1: E[x^2] - E[x]^2 in float64 loses every digit here; Chan's merge must not.
        var random = new System.Random(11);
        var values = Enumerable.Range(0, 6000).Select(_ => 1e9 + random.NextDouble() - 0.5).ToArray();
        double mean = values.Average();
        double expected = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        using var data = NDArray.Wrap(values, 60, 100);
        var x = DArray.FromArray(data, ChunkSpec.PerAxis([7, 13, 40], [33, 33, 34]));
        using var scope = Scheduler.Use(DArrays.Gen.SchedulerFor(scheduler));
        double actual = x.Var(ddof: 1).Compute().ToScalar();
        Assert.InRange(System.Math.Abs(actual - expected) / expected, 0, 1e-6);
        Assert.InRange(System.Math.Abs(x.Std(ddof: 1).Compute().ToScalar() - System.Math.Sqrt(expected)), 0, 1e-6);
        var perColumn = x.Var(axis: 0).Compute();
        for (int c = 0; c < 100; c += 17)
        {
            var column = Enumerable.Range(0, 60).Select(r => values[(r * 100) + c]).ToArray();
            double m = column.Average();
            Assert.Equal(column.Sum(v => (v - m) * (v - m)) / 60, perColumn[c], 6);
        }
    }

    [Fact]
    public void ArgMax_gives_global_indices_of_the_first_occurrence()
    {
        using var data = NDArray.Wrap(new long[] { 1, 9, 3, 9, 0, 9, 2, 9, 5 }, 3, 3);
        var x = DArray.FromArray(data, 2);
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.Equal(1L, x.ArgMax().Compute().ToScalar());
        Assert.Equal(4L, x.ArgMin().Compute().ToScalar());
        Assert.Equal(new long[] { 1, 0, 1 }, x.ArgMax(axis: 0).Compute().ToArray());
        Assert.Equal(new long[] { 1, 0, 1 }, x.ArgMax(axis: 1).Compute().ToArray());
        Assert.Equal(new long[] { 3, 1 }, x.ArgMax(axis: 1, keepDims: true).Shape);
    }

    [Fact]
    public void CumSum_carries_across_blocks_in_order()
    {
        using var data = NDArray.Wrap(Enumerable.Range(1, 12).Select(v => (long)v).ToArray(), 3, 4);
        var x = DArray.FromArray(data, ChunkSpec.PerAxis([1, 2], [1, 1, 2]));
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.Equal(new long[] { 1, 3, 6, 10, 5, 11, 18, 26, 9, 19, 30, 42 }, x.CumSum(1).Compute().ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 12, 21, 32, 45, 120, 231, 384 }, x.CumProd(0).Compute().ToArray());
    }

    [Fact]
    public void Nan_reductions_skip_NaN_and_give_NaN_where_everything_is_NaN()
    {
        using var data = NDArray.Wrap(new[] { 1.0, double.NaN, double.NaN, double.NaN, 3.0, double.NaN }, 3, 2);
        var x = DArray.FromArray(data, 1);
        using var scope = Scheduler.Use(new SynchronousScheduler());
        Assert.Equal(new[] { 4.0, 0.0 }, x.NanSum(axis: 0).Compute().ToArray());
        Assert.Equal(new[] { 2.0, double.NaN }, x.NanMean(axis: 0).Compute().ToArray());
        Assert.Equal(new[] { 1.0, double.NaN }, x.NanMin(axis: 0).Compute().ToArray());
        Assert.Equal(new[] { 3.0, double.NaN }, x.NanMax(axis: 0).Compute().ToArray());
    }
}
