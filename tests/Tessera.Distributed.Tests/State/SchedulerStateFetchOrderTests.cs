using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

/// <summary>Where peers are told to fetch a key from: holders not paused for memory first, paused ones last but kept.</summary>
public sealed class SchedulerStateFetchOrderTests
{
    [Fact]
    public void PausedHoldersComeLast()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        SchedulerWorker b = h.AddWorker("b");
        SchedulerWorker c = h.AddWorker("c");
        h.Submit(new GraphBuilder().Task("x"), "x");
        SchedulerWorker holder = new[] { a, b, c }.Single(static w => w.Processing.Count == 1);
        h.Finish(holder, "x");
        foreach (SchedulerWorker w in new[] { a, b, c }.Where(w => w != holder))
        {
            h.Checked(h.State.KeysAdded(w.Id, [("x", 8)], h.Next()));
        }

        SchedulerTask x = h.Task("x");
        Assert.Equal(3, x.WhoHas.Count);
        Assert.Equal([.. x.WhoHas], SchedulerState.FetchOrder(x).ToList());

        h.State.Heartbeat(holder.Id, memory: 8, executing: 0, ready: 0, paused: true);
        var order = SchedulerState.FetchOrder(x).ToList();
        Assert.Equal(3, order.Count);
        Assert.Same(holder, order[^1]);
        Assert.DoesNotContain(order.Take(2), static w => w.Paused);

        // Resumed: no longer pushed back.
        h.State.Heartbeat(holder.Id, memory: 8, executing: 0, ready: 0, paused: false);
        Assert.Equal([.. x.WhoHas], SchedulerState.FetchOrder(x).ToList());
    }

    [Fact]
    public void APausedOnlyHolderIsStillOffered()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x");
        h.State.Heartbeat(a.Id, memory: 8, executing: 0, ready: 0, paused: true);
        Assert.Equal([a], SchedulerState.FetchOrder(h.Task("x")));
    }

    [Fact]
    public void HeartbeatRecordsMemoryFigures()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.State.Heartbeat(a.Id, memory: 100, executing: 0, ready: 0, paused: true, spilled: 300, processMemory: 900);
        Assert.Equal((100L, 300L, 900L, true), (a.Memory, a.Spilled, a.ProcessMemory, a.Paused));
    }
}
