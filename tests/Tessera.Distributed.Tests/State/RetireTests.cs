using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

public sealed class RetireTests
{
    [Fact]
    public void RetiringWorkerHandsItsOnlyCopiesOverBeforeClosing()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x").Task("y"), "x", "y");
        SchedulerTask x = h.Task("x"), y = h.Task("y");
        h.Finish(x.ProcessingOn!, "x", nbytes: 100);
        h.Finish(y.ProcessingOn!, "y", nbytes: 100);
        SchedulerWorker b = h.AddWorker("b");

        var retire = h.Checked(h.State.RetireWorker(a.Id, h.Next()));
        Assert.True(a.Closing);
        var copies = retire.OfType<ReplicateOnWorker>().ToList();
        Assert.Equal(["x", "y"], copies.Select(static c => c.Task.Key).Order());
        Assert.All(copies, c => Assert.Equal(b, c.Worker));
        Assert.All(copies, c => Assert.Equal(a.DataAddress, c.FromAddress));
        Assert.Empty(retire.OfType<CloseOnWorker>());

        Assert.Empty(h.Checked(h.State.KeysAdded(b.Id, [("x", 100)], h.Next())).OfType<CloseOnWorker>());
        var done = h.Checked(h.State.KeysAdded(b.Id, [("y", 100)], h.Next()));
        Assert.Equal(a, Assert.Single(done.OfType<CloseOnWorker>()).Worker);

        h.Remove(a);
        Assert.Equal(SchedulerTaskState.Memory, x.State);
        Assert.Equal(SchedulerTaskState.Memory, y.State);
        Assert.Equal([b], x.WhoHas);
    }

    [Fact]
    public void LastWorkerRetiresAtOnceAndKeysWithOtherCopiesNeedNoHandOver()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x");
        var alone = h.Checked(h.State.RetireWorker(a.Id, h.Next()));
        Assert.Single(alone.OfType<CloseOnWorker>());
        Assert.Empty(alone.OfType<ReplicateOnWorker>());
    }

    [Fact]
    public void WorkerFetchesAndKeepsReplicasThenReportsThem()
    {
        var w = new WorkerState(nthreads: 1, selfAddress: "tcp://127.0.0.1:2");
        var loc = new KeyLocation { Key = "x", Nbytes = 100, ClientId = "c1" };
        loc.DataAddresses.Add("tcp://127.0.0.1:1");
        var gather = Assert.Single(w.HandleAcquire([loc], "s1").OfType<GatherDep>());
        Assert.Equal("tcp://127.0.0.1:1", gather.Address);
        var arrived = w.HandleGatherDone(gather.Address, [("x", 100)], [], gather.TotalBytes, "s2");
        KeysAdded added = Assert.Single(arrived.OfType<SendToScheduler>()).Message.KeysAdded;
        Assert.Equal("x", Assert.Single(added.Keys).Key);
        Assert.Empty(arrived.OfType<ReleaseData>());
        Assert.Equal(WorkerTaskState.Memory, w.Tasks["x"].State);

        // Only the scheduler releases a replica.
        Assert.Single(w.HandleFreeKeys(["x"], "s3").OfType<ReleaseData>());
        Assert.False(w.Tasks.ContainsKey("x"));
    }
}
