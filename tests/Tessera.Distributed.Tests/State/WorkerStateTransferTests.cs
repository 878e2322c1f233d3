using Tessera.Distributed.Hosting;
using Tessera.Distributed.Memory;
using Tessera.Distributed.State;

using static Tessera.Distributed.Tests.State.WorkerMessages;

namespace Tessera.Distributed.Tests.State;

/// <summary>The transfer budget (bytes of fetches in flight) and pausing, as the worker state machine applies them.</summary>
public sealed class WorkerStateTransferTests
{
    private const string Self = "tcp://self:1";
    private const string PeerA = "tcp://a:1";
    private const string PeerB = "tcp://b:1";
    private const string PeerC = "tcp://c:1";

    private static List<GatherDep> Gathers(IEnumerable<WorkerInstruction> ins) => [.. ins.OfType<GatherDep>()];

    private static List<string> Executed(IEnumerable<WorkerInstruction> ins) => [.. ins.OfType<Execute>().Select(static e => e.Task.Key)];

    [Fact]
    public void FetchIsHeldBackWhileTheBudgetIsSpentAndReleasedWhenAFetchCompletes()
    {
        var ws = new WorkerState(2, Self, transferBudgetBytes: 100);
        GatherDep first = Assert.Single(Gathers(ws.HandleCompute(Compute("z1", 0, Dep("a", 60, PeerA)))));
        Assert.Equal(60, ws.InFlightBytes);

        // Another peer and a free gather slot, but 60 + 60 > 100: held.
        Assert.Empty(Gathers(ws.HandleCompute(Compute("z2", 1, Dep("b", 60, PeerB)))));
        Assert.Equal(WorkerTaskState.Fetch, ws.Tasks["b"].State);
        Assert.Equal(60, ws.InFlightBytes);

        var ins = ws.HandleGatherDone(PeerA, [("a", 60)], [], first.TotalBytes, "g1");
        Assert.Equal(["z1"], Executed(ins));
        GatherDep second = Assert.Single(Gathers(ins));
        Assert.Equal(PeerB, second.Address);
        Assert.Equal(["b"], second.Keys);
        Assert.Equal(60, ws.InFlightBytes);

        ws.HandleGatherDone(PeerB, [("b", 60)], [], second.TotalBytes, "g2");
        Assert.Equal(0, ws.InFlightBytes);
        Assert.Equal(0, ws.InFlightGathers);
    }

    [Fact]
    public void AChunkLargerThanTheBudgetMovesAloneWhenNothingIsInFlight()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100);
        GatherDep big = Assert.Single(Gathers(ws.HandleCompute(Compute("z", 0, Dep("big", 1_000, PeerA), Dep("small", 10, PeerB)))));
        Assert.Equal(["big"], big.Keys);
        Assert.Equal(1_000, ws.InFlightBytes);

        // While it travels nothing else starts, however small.
        Assert.Empty(Gathers(ws.HandleCompute(Compute("y", 1, Dep("tiny", 1, PeerC)))));

        var ins = ws.HandleGatherDone(PeerA, [("big", 1_000)], [], big.TotalBytes, "g1");
        Assert.Equal(["small", "tiny"], Gathers(ins).SelectMany(static g => g.Keys).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASmallerInputOfLowerPriorityDoesNotOvertakeOneHeldByTheBudget()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100);
        GatherDep first = Assert.Single(Gathers(ws.HandleCompute(Compute("z", 0, Dep("a", 60, PeerA)))));

        // "h" (priority 1) does not fit beside "a"; "l" (priority 5) would, but must wait behind "h".
        Assert.Empty(Gathers(ws.HandleCompute(Compute("hi", 1, Dep("h", 60, PeerB)))));
        Assert.Empty(Gathers(ws.HandleCompute(Compute("lo", 5, Dep("l", 10, PeerC)))));

        var ins = ws.HandleGatherDone(PeerA, [("a", 60)], [], first.TotalBytes, "g1");
        var gathers = Gathers(ins);
        Assert.Equal(["h", "l"], gathers.SelectMany(static g => g.Keys));
        Assert.Equal(70, ws.InFlightBytes);
    }

    [Fact]
    public void OneRequestToAPeerIsCappedButTheRestFollows()
    {
        var ws = new WorkerState(1, Self, maxRequestBytes: 100);
        GatherDep first = Assert.Single(Gathers(ws.HandleCompute(Compute("z", 0, Dep("a1", 80, PeerA), Dep("a2", 80, PeerA)))));
        Assert.Equal(["a1"], first.Keys);
        Assert.Equal(["a2"], Assert.Single(Gathers(ws.HandleGatherDone(PeerA, [("a1", 80)], [], first.TotalBytes, "g1"))).Keys);
    }

    [Fact]
    public void APausedWorkerStartsNoTaskAndNoFetchUntilItResumes()
    {
        var ws = new WorkerState(2, Self);
        Assert.Empty(ws.HandlePause(true, "pause"));
        Assert.True(ws.Paused);

        Assert.Empty(ws.HandleCompute(Compute("x", 0)));
        Assert.Empty(ws.HandleCompute(Compute("z", 1, Dep("a", 10, PeerA))));
        Assert.Equal(WorkerTaskState.Ready, ws.Tasks["x"].State);
        Assert.Equal(WorkerTaskState.Fetch, ws.Tasks["a"].State);
        Assert.Equal(0, ws.InFlightGathers);

        var ins = ws.HandlePause(false, "resume");
        Assert.Equal(["x"], Executed(ins));
        Assert.Equal(["a"], Assert.Single(Gathers(ins)).Keys);
    }

    [Fact]
    public void AFetchInFlightWhenPausedLandsButStartsNothing()
    {
        var ws = new WorkerState(1, Self);
        GatherDep g = Assert.Single(Gathers(ws.HandleCompute(Compute("z", 0, Dep("a", 10, PeerA)))));
        ws.HandlePause(true, "pause");
        ws.HandleCompute(Compute("y", 1, Dep("b", 10, PeerB)));

        var ins = ws.HandleGatherDone(PeerA, [("a", 10)], [], g.TotalBytes, "g1");
        Assert.Empty(Executed(ins));
        Assert.Empty(Gathers(ins));
        Assert.Equal(WorkerTaskState.Memory, ws.Tasks["a"].State);
        Assert.Equal(WorkerTaskState.Ready, ws.Tasks["z"].State);

        ins = ws.HandlePause(false, "resume");
        Assert.Equal(["z"], Executed(ins));
        Assert.Equal(["b"], Assert.Single(Gathers(ins)).Keys);
    }

    [Fact]
    public void PausingTwiceOrResumingWhenRunningChangesNothing()
    {
        var ws = new WorkerState(1, Self);
        Assert.Empty(ws.HandlePause(false, "resume"));
        ws.HandlePause(true, "p1");
        Assert.Empty(ws.HandlePause(true, "p2"));
        Assert.True(ws.Paused);
    }

    [Theory]
    [InlineData(1000L, 0.1, 100L)]
    [InlineData(1000L, 0.25, 250L)]
    [InlineData(0L, 0.1, long.MaxValue)]
    [InlineData(5L, 0.1, 1L)]
    public void TheBudgetIsAFractionOfTheMemoryLimit(long limit, double fraction, long expected) =>
        Assert.Equal(expected, MemoryThresholds.TransferBudget(new WorkerOptions { SchedulerAddress = "tcp://s:1", MemoryLimit = limit, MemoryTransferFraction = fraction }));

    [Fact]
    public void TheBudgetDefaultsToATenthAndCanBeTurnedOff()
    {
        Assert.Equal(100, MemoryThresholds.TransferBudget(new WorkerOptions { SchedulerAddress = "tcp://s:1", MemoryLimit = 1000 }));
        Assert.Equal(long.MaxValue, MemoryThresholds.TransferBudget(new WorkerOptions { SchedulerAddress = "tcp://s:1", MemoryLimit = 1000, MemoryTransferFraction = null }));
    }
}
