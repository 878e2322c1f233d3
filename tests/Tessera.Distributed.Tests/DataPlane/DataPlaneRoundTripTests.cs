using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

public sealed class DataPlaneRoundTripTests
{
    public static TheoryData<string> Shapes() => ["", "0", "3,0", "5", "4,7", "2,3,4", "1000,33"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task Int64RoundTrips(string shape) => RoundTrip(shape, i => i * 3 - 7);

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task DoubleRoundTrips(string shape) => RoundTrip(shape, i => i * 0.5 - 1e300 / (i + 1));

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task FloatRoundTrips(string shape) => RoundTrip(shape, i => (float)i / 3);

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task Int32RoundTrips(string shape) => RoundTrip(shape, i => (int)(i * 1_000_003));

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task ByteRoundTrips(string shape) => RoundTrip(shape, i => (byte)(i * 7));

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task BoolRoundTrips(string shape) => RoundTrip(shape, i => i % 3 == 0);

    [Fact]
    public async Task StridedViewArrivesContiguousAndStoredViewSurvives()
    {
        await using var fx = new DataPlaneFixture();
        using var baseArray = NDArray.FromArray(Enumerable.Range(0, 24).Select(i => (long)i).ToArray(), 4, 6);
        using var view = baseArray.Transpose();
        fx.Store.Values["t"] = view;
        var result = await fx.FetchOneAsync("t");
        using var got = Assert.IsType<NDArray<long>>(result.Value);
        Assert.Equal([6L, 4L], got.Shape.ToArray());
        Assert.True(got.IsContiguous);
        Assert.True(NDArray.ArrayEqual(view, got));
        Assert.False(view.IsDisposed);
    }

    [Fact]
    public async Task ConstantTravelsAsOneElement()
    {
        await using var fx = new DataPlaneFixture();
        using var constant = NDArray.Full(42L, 2048, 2048);
        fx.Store.Values["c"] = constant;
        var result = await fx.FetchOneAsync("c");
        using var got = Assert.IsType<NDArray<long>>(result.Value);
        Assert.True(got.IsConstant);
        Assert.True(constant.IsConstant);
        Assert.Equal([2048L, 2048L], got.Shape.ToArray());
        Assert.Equal(42L, got[5, 7]);
        Assert.True(fx.Client.BytesReceived < 1024, $"received {fx.Client.BytesReceived} bytes");
    }

    [Theory]
    [InlineData("socket")]
    [InlineData("shm")]
    [InlineData("vm")]
    public async Task LargeArrayRoundTrips(string path)
    {
        var sameHost = ParsePath(path);
        await using var fx = new DataPlaneFixture(sameHost);
        using var big = NDArray.Arange<long>(8L << 20).Reshape(2048, 4096);   // 64 MiB
        fx.Store.Values["big"] = big;
        var result = await fx.FetchOneAsync("big");
        using var got = Assert.IsType<NDArray<long>>(result.Value);
        Assert.Equal(64L << 20, result.NBytes);
        Assert.True(NDArray.ArrayEqual(big, got));
        Assert.True(fx.Client.BytesReceived >= 64L << 20);
        Assert.True(fx.Server.BytesSent >= 64L << 20);
        Assert.Equal(sameHost != SameHostPath.Socket, fx.Client.SameHostBytesReceived > 0);
        Assert.Empty(DataPlaneFixture.LeftoverShmFiles());
    }

    [Fact]
    public async Task ManyPieceTransferWithTinyIoSize()
    {
        // Same loop that splits > 2 GiB arrays into pieces, exercised with 4 KiB pieces and an odd length.
        await using var fx = new DataPlaneFixture(maxIo: 4096);
        using var odd = NDArray.Arange<int>(250_001);
        fx.Store.Values["odd"] = odd;
        var result = await fx.FetchOneAsync("odd");
        using var got = Assert.IsType<NDArray<int>>(result.Value);
        Assert.True(NDArray.ArrayEqual(odd, got));
    }

    [Fact]
    public async Task OtherValuesGoThroughTheEncoder()
    {
        await using var fx = new DataPlaneFixture();
        fx.Store.Values["s"] = "héllo data plane";
        fx.Store.Values["empty"] = "";
        var results = await fx.Client.FetchAsync(fx.Server.Address, ["s", "empty"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        Assert.Equal("héllo data plane", results[0].Value);
        Assert.Equal("", results[1].Value);
        Assert.True(results[1].Found);
    }

    [Fact]
    public async Task BatchOfHundredKeysWithMissingOnes()
    {
        await using var fx = new DataPlaneFixture();
        for (var i = 0; i < 100; i += 2)
        {
            fx.Store.Values[$"k{i}"] = i % 4 == 0 ? NDArray.Arange<double>(i + 1) : $"v{i}";
        }

        var keys = Enumerable.Range(0, 100).Select(i => $"k{i}").ToArray();
        var results = await fx.Client.FetchAsync(fx.Server.Address, keys, DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        Assert.Equal(100, results.Length);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(keys[i], results[i].Key);
            Assert.Equal(i % 2 == 0, results[i].Found);
            if (i % 4 == 0)
            {
                using var a = Assert.IsType<NDArray<double>>(results[i].Value);
                Assert.Equal(i, a[i]);
            }
            else if (i % 2 == 0)
            {
                Assert.Equal($"v{i}", results[i].Value);
            }
            else
            {
                Assert.Null(results[i].Value);
            }
        }
    }

    [Fact]
    public async Task ConcurrentFetchesFromFourTasks()
    {
        await using var fx = new DataPlaneFixture();
        for (var i = 0; i < 4; i++)
        {
            fx.Store.Values[$"a{i}"] = NDArray.Full((long)i, 100_000) + NDArray.Arange<long>(100_000);
        }

        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                var results = await fx.Client.FetchAsync(fx.Server.Address, [$"a{t}", $"a{(t + 1) % 4}"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
                foreach (var r in results)
                {
                    using var a = Assert.IsType<NDArray<long>>(r.Value);
                    var owner = r.Key[1] - '0';
                    Assert.Equal(owner + 99_999L, a[99_999]);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }

    internal static SameHostPath ParsePath(string path) => path switch
    {
        "shm" => SameHostPath.SharedMemoryFile,
        "vm" => SameHostPath.ProcessMemory,
        _ => SameHostPath.Socket,
    };

    [Fact]
    public async Task SmallArraysStayOnTheSocketEvenWhenSameHost()
    {
        await using var fx = new DataPlaneFixture(SameHostPath.ProcessMemory);
        using var small = NDArray.Arange<long>(1000);
        fx.Store.Values["s"] = small;
        using var got = (NDArray<long>)(await fx.FetchOneAsync("s")).Value!;
        Assert.True(NDArray.ArrayEqual(small, got));
        Assert.Equal(0, fx.Client.SameHostBytesReceived);
    }

    private static async Task RoundTrip<T>(string shapeText, Func<long, T> element)
        where T : unmanaged
    {
        var shape = shapeText.Length == 0 ? [] : shapeText.Split(',').Select(long.Parse).ToArray();
        var size = shape.Aggregate(1L, (a, b) => a * b);
        var values = Enumerable.Range(0, (int)size).Select(i => element(i)).ToArray();
        using var source = shape.Length == 0 ? NDArray.Empty<T>() : NDArray.FromArray(values, shape);
        if (shape.Length == 0)
        {
            source[Array.Empty<long>()] = values[0];   // a real (non-constant) 0-d array
        }

        await using var fx = new DataPlaneFixture();
        fx.Store.Values["x"] = source;
        var result = await fx.FetchOneAsync("x");
        Assert.True(result.Found);
        using var got = Assert.IsType<NDArray<T>>(result.Value);
        Assert.Equal(shape, got.Shape.ToArray());
        Assert.Equal(source.ToArray(), got.ToArray());
    }
}
