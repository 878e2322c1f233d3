namespace Tessera.Tests.Memory;

public class ChunkPoolThreadPeakTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void ThreadPeak_CountsThisThreadsLeases_NotOtherThreads()
    {
        ChunkPool.ResetThreadPeak();
        using (NDArray<long> a = NDArray.Arange<long>(MiB))
        using (NDArray<long> b = NDArray.Arange<long>(MiB))
        {
            Assert.True(ChunkPool.ThreadPeakLeasedBytes >= 16 * MiB);
        }

        // The peak stays after the buffers go back; a reset starts again from now.
        Assert.True(ChunkPool.ThreadPeakLeasedBytes >= 16 * MiB);
        ChunkPool.ResetThreadPeak();
        Assert.Equal(0, ChunkPool.ThreadPeakLeasedBytes);

        var other = new Thread(static () =>
        {
            using NDArray<long> c = NDArray.Arange<long>(4 * MiB);
        });
        other.Start();
        other.Join();
        Assert.Equal(0, ChunkPool.ThreadPeakLeasedBytes);
    }
}
