using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Tests.Memory;

public sealed class WorkerMemorySummaryTests
{
    [Fact]
    public void WorkerInfoBecomesADescriptionWithUnmanagedMemory()
    {
        var info = new WorkerInfo { Name = "w", DataAddress = "tcp://w:1", Nthreads = 2, MemoryLimit = 1000, Memory = 300, Pid = 7, Spilled = 50, ProcessMemory = 700, Paused = true };
        WorkerDescription d = WorkerDescription.From(info);
        Assert.Equal((300L, 50L, 700L, 400L, true), (d.Managed, d.Spilled, d.ProcessMemory, d.Unmanaged, d.Paused));
    }

    [Fact]
    public void UnmanagedIsNeverNegativeAndZeroWhenProcessMemoryIsNotWatched()
    {
        Assert.Equal(0, new WorkerDescription("w", "tcp://w:1", 1, 1000, 300, 7).Unmanaged);
        Assert.Equal(0, (new WorkerDescription("w", "tcp://w:1", 1, 1000, 300, 7) { ProcessMemory = 200 }).Unmanaged);
    }

    [Fact]
    public void SummarySumsWorkersAndCountsThePaused()
    {
        WorkerDescription[] workers =
        [
            new("a", "tcp://a:1", 1, 1L << 30, 1L << 20, 1) { Spilled = 2L << 20, ProcessMemory = 3L << 20 },
            new("b", "tcp://b:1", 1, 1L << 30, 1L << 20, 2) { Spilled = 0, ProcessMemory = 5L << 20, Paused = true },
        ];
        Assert.Equal("managed 2.00 MiB, unmanaged 6.00 MiB of a 2.00 GiB limit, spilled 2.00 MiB, 1 paused", WorkerMemorySummary.Of(workers));
        Assert.Equal("managed 0 B, unmanaged 0 B of a 0 B limit, spilled 0 B", WorkerMemorySummary.Of([]));
    }
}
