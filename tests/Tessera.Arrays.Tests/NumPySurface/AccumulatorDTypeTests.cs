using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.NumPySurface;

/// <summary>NumPy's accumulator dtypes: narrow integers sum into int64 (unsigned into uint64), bools count, means are float64.</summary>
public class AccumulatorDTypeTests
{
    [Fact]
    public void A_sum_of_int32_ones_past_int_max_is_an_int64()
    {
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        DArray<long> sum = DArray.Ones<int>([50000, 50000]).Sum();
        Assert.Equal("int64", sum.DType);
        Assert.Equal(2_500_000_000L, sum.Compute().ToScalar());
    }

    [Fact]
    public void Bool_sums_count_the_trues_into_int64()
    {
        using var data = NDArray.Wrap(new[] { true, false, true, true, false, true }, 2, 3);
        var x = DArray.FromArray(data, 2);
        Assert.Equal("bool", x.DType);
        using var scope = Scheduler.Use(new SynchronousScheduler());
        Assert.Equal(4L, x.Sum().Compute().ToScalar());
        Assert.Equal(new long[] { 2, 0, 2 }, x.Sum(axis: 0).Compute().ToArray());
        Assert.Equal(new long[] { 2, 2 }, x.CountNonZero(axis: 1).Compute().ToArray());
        Assert.Equal(6L, (DArray.Ones<double>([2, 3], 2) > 0.5).Sum().Compute().ToScalar());
    }

    [Fact]
    public void Unsigned_sums_are_uint64_and_signed_products_int64()
    {
        using var bytes = NDArray.Wrap(Enumerable.Repeat((byte)200, 10).ToArray(), 10);
        using var ints = NDArray.Wrap(Enumerable.Repeat(100_000, 3).ToArray(), 3);
        using var scope = Scheduler.Use(new SynchronousScheduler());
        DArray<ulong> sum = DArray.FromArray(bytes, 3).Sum();
        Assert.Equal(2000UL, sum.Compute().ToScalar());
        DArray<long> prod = DArray.FromArray(ints, 2).Prod();
        Assert.Equal(1_000_000_000_000_000L, prod.Compute().ToScalar());
        DArray<double> mean = DArray.FromArray(bytes, 3).Mean();
        Assert.Equal(200.0, mean.Compute().ToScalar());
        DArray<long> running = DArray.FromArray(ints, 2).CumSum(0);
        Assert.Equal(new long[] { 100_000, 200_000, 300_000 }, running.Compute().ToArray());
    }

    [Fact]
    public void Float_sums_keep_their_dtype_and_an_explicit_accumulator_can_be_asked_for()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        DArray<float> sum = DArray.Ones<float>([10], 3).Sum();
        Assert.Equal(10f, sum.Compute().ToScalar());
        DArray<double> wide = DArray.Ones<float>([10], 3).Sum<double>();
        Assert.Equal(10.0, wide.Compute().ToScalar());
    }
}
