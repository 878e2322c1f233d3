using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

/// <summary>A dependency bigger than a worker's transfer budget stays where it is: its dependents wait for its holder.</summary>
public sealed class OversizedTransferTests
{
    private static SchedulerWorker Add(SchedulerHarness h, string name, long memoryLimit)
    {
        h.Checked(h.State.AddWorker(name, "tcp://" + name + ":1", name, 1, memoryLimit, h.Next(), out SchedulerWorker w));
        return w;
    }

    [Fact]
    public void DependentsOfABigResultGoToItsHolderEvenWhenItIsPausedAndBusy()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = Add(h, "a", memoryLimit: 6000);
        h.Submit(new GraphBuilder().Task("facet"), "facet");
        Assert.Single(a.Processing);
        h.Finish(a, "facet", nbytes: 2000);

        // The holder pauses and has work queued; the other worker is idle, but would have to fetch 2000 bytes,
        // more than a tenth of its 6000-byte limit.
        SchedulerWorker b = Add(h, "b", memoryLimit: 6000);
        h.Submit(new GraphBuilder().Task("busy-1").Task("busy-2").Task("busy-3"), "busy-1", "busy-2", "busy-3");
        h.State.Heartbeat(a.Id, memory: 2000, executing: 1, ready: 2, paused: true);
        var pieces = new GraphBuilder();
        for (int i = 0; i < 4; i++)
        {
            pieces.Task("piece-" + i, "facet");
        }

        List<SchedulerInstruction> ins = h.Submit(pieces, "piece-0", "piece-1", "piece-2", "piece-3");
        Assert.Equal(4, SchedulerHarness.Computed(ins, a).Count(static k => k.StartsWith("piece-", StringComparison.Ordinal)));
        Assert.DoesNotContain(SchedulerHarness.Computed(ins, b), static k => k.StartsWith("piece-", StringComparison.Ordinal));
    }

    [Fact]
    public void SmallDependenciesStillMoveToTheLeastBusyWorker()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = Add(h, "a", memoryLimit: 6000);
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x", nbytes: 10);
        h.Submit(new GraphBuilder().Task("busy-1", "x").Task("busy-2", "x").Task("busy-3", "x").Task("busy-4", "x"), "busy-1", "busy-2", "busy-3", "busy-4");
        Assert.Equal(4, a.Processing.Count);
        SchedulerWorker b = Add(h, "b", memoryLimit: 6000);
        List<SchedulerInstruction> ins = h.Submit(new GraphBuilder().Task("y", "x"), "y");
        Assert.Equal(["y"], SchedulerHarness.Computed(ins, b));
    }
}
