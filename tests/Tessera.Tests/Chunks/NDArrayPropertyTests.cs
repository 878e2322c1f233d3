using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Tessera.Tests.Chunks;

public class NDArrayPropertyTests
{
    [Property(MaxTest = 100)]
    public Property TransposeTwiceAndReshapeRoundTrip(PositiveInt seed) => Prop.ToProperty(RoundTrip(seed.Get));

    [Property(MaxTest = 100)]
    public Property SumOfBroadcastEqualsScaledSum(PositiveInt seed) => Prop.ToProperty(BroadcastSum(seed.Get));

    [Fact]
    public void ZeroDimensionalBroadcastsAgainstAnything()
    {
        using var s = NDArray.Scalar(3L);
        using var a = NDArray.Arange<long>(6).Reshape(2, 3);
        using var b = s * a;
        Assert.Equal(new long[] { 0, 3, 6, 9, 12, 15 }, b.ToArray());
        using var c = s + s;
        Assert.Equal(0, c.NDim);
        Assert.Equal(6, c.SumAll());
        using var d = a.Sum([0, 1]);
        Assert.Equal(0, d.NDim);
        Assert.Equal("15", d.ToString());
        Assert.Equal(15, d.ToScalar());
        Assert.Throws<InvalidOperationException>(() => a.ToScalar());
    }

    [Fact]
    public void HalfAndUnsignedKernels()
    {
        using var h = NDArray.Arange<Half>(4);
        using var h2 = h * h;
        Assert.Equal((Half)14, h2.SumAll());
        using var u = NDArray.Arange<uint>(3);
        using var n = -u;
        Assert.Equal(new uint[] { 0, uint.MaxValue, uint.MaxValue - 1 }, n.ToArray());
        using var b = NDArray.Full<byte>(200, 2);
        using var wrapped = b + b;
        Assert.Equal(new byte[] { 144, 144 }, wrapped.ToArray());
    }

    private static bool RoundTrip(int seed)
    {
        var r = new Random(seed);
        var shape = Ref.RandomShape(r, maxDims: 4, maxDim: 4);
        var data = Ref.RandomLongs(r, Ref.Size(shape));
        using var a = NDArray.Wrap(data, shape);
        using var t = a.Transpose();
        using var tt = t.Transpose();
        using var flat = t.Reshape(-1);
        using var back = flat.Reshape(t.Shape.ToArray());
        return NDArray.ArrayEqual(a, tt) && NDArray.ArrayEqual(back, t) && flat.Size == a.Size;
    }

    private static bool BroadcastSum(int seed)
    {
        var r = new Random(seed);
        var shape = Ref.RandomShape(r, maxDims: 3, maxDim: 5);
        var data = Ref.RandomLongs(r, Ref.Size(shape));
        using var a = NDArray.Wrap(data, shape);
        var k = r.Next(1, 5);
        long[] target = [k, .. shape];
        using var b = a.BroadcastTo(target);
        return b.SumAll() == k * data.Sum() && b.Strides[0] == 0;
    }
}
