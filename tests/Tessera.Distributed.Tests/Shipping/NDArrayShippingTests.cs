namespace Tessera.Distributed.Tests.Shipping;

public sealed class NDArrayShippingTests
{
    [Fact]
    public void EveryDTypeRoundTrips()
    {
        AssertRoundTrip(new[] { 1.5, -2, 3, 4, 5, 6 }, 2, 3);
        AssertRoundTrip(new[] { 1.5f, -2f, 3f, 4f }, 4);
        AssertRoundTrip(new[] { (Half)1, (Half)(-2.5) }, 2, 1);
        AssertRoundTrip(new[] { 1, -2, 3, 4, 5, 6, 7, 8 }, 2, 2, 2);
        AssertRoundTrip(new[] { long.MinValue, long.MaxValue }, 2);
        AssertRoundTrip(new[] { (short)-1, (short)2 }, 2);
        AssertRoundTrip(new[] { (ushort)1, (ushort)65535 }, 2);
        AssertRoundTrip(new[] { (byte)1, (byte)255, (byte)0 }, 3);
        AssertRoundTrip(new[] { (sbyte)-128, (sbyte)127 }, 2);
        AssertRoundTrip(new[] { 1u, uint.MaxValue }, 2);
        AssertRoundTrip(new[] { 1ul, ulong.MaxValue }, 2);
        AssertRoundTrip(new[] { true, false, true }, 3);
        AssertRoundTrip(new[] { 42.0 });
        AssertRoundTrip(Array.Empty<int>(), 0, 5);
    }

    [Fact]
    public void NonContiguousViewsShipTheirElementsAndStayUsable()
    {
        using NDArray<int> flat = NDArray.Arange<int>(12);
        using NDArray<int> a = flat.Reshape(3, 4);
        using NDArray<int> t = a.Transpose();
        Assert.False(t.IsContiguous);
        using var back = ShippingAssert.RoundTrip(t);
        Assert.True(back.IsContiguous);
        Assert.Equal([4L, 3L], back.Shape.ToArray());
        Assert.Equal(t.ToArray(), back.ToArray());
        Assert.False(t.IsDisposed);
        Assert.Equal(t.ToArray(), t.ToArray());
    }

    [Fact]
    public void ConstantsShipAsOneValue()
    {
        using NDArray<double> full = NDArray.Full(7.5, 1000, 1000);
        byte[] bytes = new Tessera.Distributed.Shipping.CodeShipper().EncodeValue(full);
        Assert.True(bytes.Length < 100, $"{bytes.Length} bytes");
        Assert.True(full.IsConstant);
        using var back = (NDArray<double>)Tessera.Distributed.Shipping.CodeLoader.Default.DecodeValue(bytes)!;
        Assert.True(back.IsConstant);
        Assert.Equal([1000L, 1000L], back.Shape.ToArray());
        Assert.Equal(7.5, back[999, 999]);
    }

    [Fact]
    public void SharedArrayDecodesOnce()
    {
        using NDArray<float> a = NDArray.Full(1f, 2);
        var pair = ShippingAssert.RoundTrip(new object[] { a, a });
        Assert.Same(pair[0], pair[1]);
        ((NDArray<float>)pair[0]).Dispose();
    }

    private static void AssertRoundTrip<T>(T[] values, params long[] shape)
        where T : unmanaged
    {
        using NDArray<T> a = NDArray.Empty<T>(shape);
        if (values.Length > 0)
        {
            values.CopyTo(a.AsSpan());
        }

        using NDArray<T> back = ShippingAssert.RoundTrip(a);
        Assert.Equal(shape, back.Shape.ToArray());
        Assert.Equal(a.DType, back.DType);
        Assert.Equal(values, back.ToArray());
    }
}
