namespace Tessera.Distributed.Tests.DataPlane;

/// <summary>Arrays over 2 GiB (several 2^30-element segments); run with TESSERA_BIG_TESTS=1 (needs ~8 GiB of memory).</summary>
public sealed class DataPlaneBigTests
{
    [BigTheory]
    [InlineData("socket")]
    [InlineData("shm")]
    [InlineData("vm")]
    public async Task ArrayOverTwoGiBRoundTrips(string path)
    {
        await using var fx = new DataPlaneFixture(DataPlaneRoundTripTests.ParsePath(path));
        const long n = (5L << 30) / 2;   // 2.5 Gi bytes: beyond int lengths and beyond one 2^30-element segment
        using var big = NDArray.Empty<byte>(n);
        for (var s = 0; s < big.SegmentCount; s++)
        {
            var segment = big.GetSegment(s);
            for (var i = 0; i < segment.Length; i += 4093)
            {
                segment[i] = (byte)(i + s);
            }
        }

        fx.Store.Values["huge"] = big;
        var result = await fx.FetchOneAsync("huge");
        using var got = Assert.IsType<NDArray<byte>>(result.Value);
        Assert.Equal(n, result.NBytes);
        for (var s = 0; s < big.SegmentCount; s++)
        {
            Assert.True(big.GetSegment(s).SequenceEqual(got.GetSegment(s)), $"segment {s} differs");
        }

        Assert.Empty(DataPlaneFixture.LeftoverShmFiles());
    }
}
