using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.NumPySurface;

/// <summary>Mixed-dtype arithmetic gives NumPy's result dtypes.</summary>
public class PromotionTests
{
    [Fact]
    public void Mixed_arrays_take_NumPys_result_dtype()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var ints = DArray.Arange<int>(4, 2);
        var longs = DArray.Arange<long>(4, 3);
        var doubles = DArray.Full(0.5, [4], 2);
        var floats = DArray.Full(0.5f, [4], 2);
        var bytes = DArray.Full((byte)200, [4], 2);
        var flags = DArray.Ones<bool>([4], 2);
        DArray<double> a = ints + doubles;
        DArray<long> b = ints * longs;
        DArray<double> c = floats - ints;
        DArray<double> d = floats + doubles;
        DArray<int> e = bytes + ints;
        DArray<long> f = flags + longs;
        DArray<double> g = ints * 2.5;
        DArray<float> h = floats * 2.5;
        DArray<double> i = DArray.TrueDivide(ints, DArray.Full(2, [4], 2));
        Assert.Equal(new[] { 0.5, 1.5, 2.5, 3.5 }, a.Compute().ToArray());
        Assert.Equal(new long[] { 0, 1, 4, 9 }, b.Compute().ToArray());
        Assert.Equal(new[] { 0.5, -0.5, -1.5, -2.5 }, c.Compute().ToArray());
        Assert.Equal(new[] { 1.0, 1, 1, 1 }, d.Compute().ToArray());
        Assert.Equal(new[] { 200, 201, 202, 203 }, e.Compute().ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 4 }, f.Compute().ToArray());
        Assert.Equal(new[] { 0, 2.5, 5, 7.5 }, g.Compute().ToArray());
        Assert.Equal(new[] { 1.25f, 1.25f, 1.25f, 1.25f }, h.Compute().ToArray());
        Assert.Equal(new[] { 0, 0.5, 1, 1.5 }, i.Compute().ToArray());
        Assert.Equal("float64", ints.Sqrt().DType);
        Assert.Equal("float32", floats.Sqrt().DType);
    }

    [Fact]
    public void The_division_operator_is_NumPys_true_division()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var longs = DArray.Arange<long>(5, 2);
        DArray<double> a = longs / 2;
        DArray<double> b = longs / DArray.Full(4L, [5], 3);
        DArray<double> c = 1 / DArray.Arange<byte>(3, 2);
        DArray<double> d = DArray.Ones<bool>([2], 1) / DArray.Ones<bool>([2], 1);
        DArray<float> e = DArray.Full(3f, [2], 1) / DArray.Full(2f, [2], 1);
        DArray<double> f = DArray.Full(3.0, [2], 1) / 4.0;
        DArray<double> g = 3.0 / DArray.Full(4.0, [2], 1);
        Assert.Equal(new[] { 0, 0.5, 1, 1.5, 2 }, a.Compute().ToArray());
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, b.Compute().ToArray());
        Assert.Equal(new[] { double.PositiveInfinity, 1, 0.5 }, c.Compute().ToArray());
        Assert.Equal(new[] { 1.0, 1.0 }, d.Compute().ToArray());
        Assert.Equal(new[] { 1.5f, 1.5f }, e.Compute().ToArray());
        Assert.Equal(new[] { 0.75, 0.75 }, f.Compute().ToArray());
        Assert.Equal(new[] { 0.75, 0.75 }, g.Compute().ToArray());
        Assert.Equal("float64", (DArray.Arange<int>(4, 2) / DArray.Arange<int>(4, 2)).DType);
        Assert.Equal("float64", (DArray.Arange<ulong>(4, 2) / 3).DType);
    }
}
