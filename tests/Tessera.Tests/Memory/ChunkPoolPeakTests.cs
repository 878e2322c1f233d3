namespace Tessera.Tests.Memory;

public class ChunkPoolPeakTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void PeakLeasedBytes_RemembersTheMostLeasedSinceTheReset()
    {
        var pool = new ChunkPool();
        long start = pool.ResetPeakLeasedBytes();
        Assert.Equal(start, pool.PeakLeasedBytes);
        var (a, ca) = pool.Rent(8 * MiB);
        var (b, cb) = pool.Rent(8 * MiB);
        pool.Return(a, ca);
        pool.Return(b, cb);
        Assert.True(pool.PeakLeasedBytes >= start + (16 * MiB));
        Assert.Equal(pool.LeasedBytes, pool.ResetPeakLeasedBytes());
        Assert.Equal(pool.LeasedBytes, pool.PeakLeasedBytes);
        pool.Clear();
    }
}
