namespace Tessera.Tests.Chunks;

public class NDArrayCreationTests
{
    [Fact]
    public void ZerosOnesFullEmpty()
    {
        using var z = NDArray.Zeros<long>(3, 4);
        Assert.Equal(new long[] { 3, 4 }, z.Shape.ToArray());
        Assert.Equal(new long[] { 0, 0 }, z.Strides.ToArray()); // a copy-on-write constant: one stored element
        Assert.True(z.IsContiguous); // the layout it materialises to
        Assert.Equal("int64", z.DType);
        Assert.Equal(8, z.ItemSize);
        Assert.Equal(96, z.NBytes);
        Assert.All(z.ToArray(), v => Assert.Equal(0, v));
        z.Fill(0);
        Assert.Equal(new long[] { 4, 1 }, z.Strides.ToArray());
        using var o = NDArray.Ones<double>(5);
        Assert.All(o.ToArray(), v => Assert.Equal(1.0, v));
        using var f = NDArray.Full<int>(7, 2, 2);
        Assert.All(f.ToArray(), v => Assert.Equal(7, v));
        using var e = NDArray.Empty<float>(2, 3);
        Assert.Equal(6, e.Size);
        using var b = NDArray.Ones<bool>(3);
        Assert.Equal(new[] { true, true, true }, b.ToArray());
        using var s = NDArray.Scalar(3.5);
        Assert.Equal(0, s.NDim);
        Assert.Equal(1, s.Size);
        Assert.Equal(3.5, s[Array.Empty<long>()]);
    }

    [Fact]
    public void ZerosClearsReusedPooledBuffer()
    {
        const long N = 1 << 18; // 2 MiB of longs: pooled
        using (var dirty = NDArray.Full(123L, N))
        {
        }

        using var z = NDArray.Zeros<long>(N);
        Assert.Equal(0, z.SumAll());
    }

    [Theory]
    [InlineData(typeof(sbyte), "int8")]
    [InlineData(typeof(byte), "uint8")]
    [InlineData(typeof(short), "int16")]
    [InlineData(typeof(ushort), "uint16")]
    [InlineData(typeof(int), "int32")]
    [InlineData(typeof(uint), "uint32")]
    [InlineData(typeof(long), "int64")]
    [InlineData(typeof(ulong), "uint64")]
    [InlineData(typeof(float), "float32")]
    [InlineData(typeof(double), "float64")]
    [InlineData(typeof(Half), "float16")]
    [InlineData(typeof(bool), "bool")]
    public void DTypeNames(Type type, string name)
    {
        var method = typeof(NDArrayCreationTests).GetMethod(nameof(DTypeOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        Assert.Equal(name, method.MakeGenericMethod(type).Invoke(null, null));
    }

    private static string DTypeOf<T>()
        where T : unmanaged
    {
        using var a = NDArray.Zeros<T>(2);
        return a.DType;
    }

    [Fact]
    public void AllNumericTypesAddAndSum()
    {
        Check<sbyte>();
        Check<byte>();
        Check<short>();
        Check<ushort>();
        Check<int>();
        Check<uint>();
        Check<long>();
        Check<ulong>();
        Check<float>();
        Check<double>();
        Check<Half>();

        static void Check<T>()
            where T : unmanaged, System.Numerics.INumber<T>
        {
            using var a = NDArray.Arange<T>(10);
            using var b = a + a;
            Assert.Equal(T.CreateChecked(90), b.SumAll());
            using var c = 2 * a;
            Assert.True(NDArray.ArrayEqual(b, c));
            Assert.Equal(T.CreateChecked(9), a.MaxAll());
        }
    }

    [Fact]
    public void Arange()
    {
        using var a = NDArray.Arange<long>(5);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a.ToArray());
        using var b = NDArray.Arange(10L, 0L, -3L);
        Assert.Equal(new long[] { 10, 7, 4, 1 }, b.ToArray());
        using var c = NDArray.Arange(0.0, 1.0, 0.25);
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75 }, c.ToArray());
        using var d = NDArray.Arange(5L, 1L, 1L);
        Assert.Equal(0, d.Size);
        Assert.Throws<ArgumentException>(() => NDArray.Arange(0L, 5L, 0L));
    }

    [Fact]
    public void WrapIsZeroCopy()
    {
        var data = new long[] { 1, 2, 3, 4, 5, 6 };
        using (var a = NDArray.Wrap(data, 2, 3))
        {
            a[1, 2] = 60;
            Assert.Equal(60, data[5]);
            data[0] = 10;
            Assert.Equal(10, a[0, 0]);
            Assert.Equal(new long[,] { { 10, 2, 3 }, { 4, 5, 60 } }, a.ToArray2D());
        }

        var m = new double[,] { { 1, 2 }, { 3, 4 } };
        using (var w = NDArray.Wrap(m))
        {
            w[0, 1] = 20;
            Assert.Equal(20, m[0, 1]);
            Assert.Equal(new[] { 1.0, 20, 3, 4 }, w.ToArray());
        }

        var cube = new int[2, 3, 4];
        cube[1, 2, 3] = 9;
        using var c = NDArray.Wrap(cube);
        Assert.Equal(9, c[1, 2, 3]);
        Assert.Equal(9, c[-1, -1, -1]);
        Assert.Throws<ArgumentException>(() => NDArray.Wrap(data, 4, 2));
    }

    [Fact]
    public void AsTypeConversions()
    {
        using var d = NDArray.Wrap(new[] { -1.7, 0.0, 2.9 });
        using var l = d.AsType<long>();
        Assert.Equal(new long[] { -1, 0, 2 }, l.ToArray());
        using var b = d.AsType<bool>();
        Assert.Equal(new[] { true, false, true }, b.ToArray());
        using var back = b.AsType<int>();
        Assert.Equal(new[] { 1, 0, 1 }, back.ToArray());
        using var t = d.Transpose();
        using var f = t[SliceSpec.Every(-1)].AsType<float>();
        Assert.Equal(new[] { 2.9f, 0f, -1.7f }, f.ToArray());
    }

    [Fact]
    public void MapUnaryAndBinary()
    {
        var r = new Random(5);
        for (var iter = 0; iter < 50; iter++)
        {
            var shape = Ref.RandomShape(r);
            var data = Ref.RandomLongs(r, Ref.Size(shape));
            using var a = NDArray.Wrap(data, shape);
            using var sq = NDArray.Map(a, (long x) => (double)x * x);
            Assert.Equal(data.Select(x => (double)x * x).ToArray(), sq.ToArray());
            var pshape = Ref.BroadcastPartner(r, shape);
            var pdata = Ref.RandomLongs(r, Ref.Size(pshape));
            using var p = NDArray.Wrap(pdata, pshape);
            using var m = NDArray.Map(a, p, (long x, long y) => x > y);
            foreach (var idx in Ref.Indices(shape))
            {
                Assert.Equal(data[Ref.Flat(idx, shape)] > pdata[Ref.BroadcastFlat(idx, pshape)], m[idx]);
            }
        }
    }
}
