using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

using static Tessera.Distributed.Tests.State.WorkerMessages;

namespace Tessera.Distributed.Tests.State;

public sealed class WorkerStateTests
{
    private const string Self = "tcp://self:1";
    private const string PeerA = "tcp://a:1";
    private const string PeerB = "tcp://b:1";

    private static List<string> Executed(IEnumerable<WorkerInstruction> ins) => [.. ins.OfType<Execute>().Select(static e => e.Task.Key)];

    private static List<string> Released(IEnumerable<WorkerInstruction> ins) => [.. ins.OfType<ReleaseData>().SelectMany(static r => r.Keys)];

    private static List<WorkerMessage> Sent(IEnumerable<WorkerInstruction> ins) => [.. ins.OfType<SendToScheduler>().Select(static s => s.Message)];

    private static List<WorkerInstruction> Succeed(WorkerState ws, string key, long nbytes = 8) => ws.HandleExecuteSuccess(key, nbytes, "Int64", 1.0, 2.0, null, "done-" + key);

    [Fact]
    public void ComputeWithoutMissingInputsRunsAtOnceUpToNThreads()
    {
        var ws = new WorkerState(2, Self);
        Assert.Equal(["t3"], Executed(ws.HandleCompute(Compute("t3", 3))));
        Assert.Equal(["t1"], Executed(ws.HandleCompute(Compute("t1", 1))));
        Assert.Empty(ws.HandleCompute(Compute("t2", 2)));
        Assert.Empty(ws.HandleCompute(Compute("t0", 0)));
        Assert.Equal(2, ws.ExecutingCount);
        Assert.Equal(2, ws.ReadyCount);
        Assert.Equal(WorkerTaskState.Ready, ws.Tasks["t0"].State);

        // A free thread takes the best-priority ready task.
        Assert.Equal(["t0"], Executed(Succeed(ws, "t3")));
        Assert.Equal(["t2"], Executed(Succeed(ws, "t1")));
        Assert.Equal(0, ws.ReadyCount);
    }

    [Fact]
    public void DuplicateComputeIsIgnored()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        Assert.Empty(ws.HandleCompute(Compute("x", 0)));
        Assert.Equal(1, ws.ExecutingCount);
    }

    [Fact]
    public void ComputeWithLocalInputRunsAtOnceWithoutFetching()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        Succeed(ws, "x");

        var ins = ws.HandleCompute(Compute("y", 1, Dep("x", 8, Self)));
        Assert.Equal(["y"], Executed(ins));
        Assert.Empty(ins.OfType<GatherDep>());
    }

    [Fact]
    public void ComputeOfAKeyAlreadyInMemoryReportsItDone()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        Succeed(ws, "x", nbytes: 42);

        var msg = Assert.Single(Sent(ws.HandleCompute(Compute("x", 0))));
        Assert.Equal(("x", 42L), (msg.TaskFinished.Key, msg.TaskFinished.Nbytes));
    }

    [Fact]
    public void MissingInputsAreFetchedInOneRequestPerPeer()
    {
        var ws = new WorkerState(1, Self);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA), Dep("y", 20, PeerA), Dep("u", 5, PeerB)));

        Assert.Empty(Executed(ins));
        var gathers = ins.OfType<GatherDep>().OrderBy(static g => g.Address, StringComparer.Ordinal).ToList();
        Assert.Equal(2, gathers.Count);
        Assert.Equal((PeerA, 30L), (gathers[0].Address, gathers[0].TotalBytes));
        Assert.Equal(["x", "y"], gathers[0].Keys.Order());
        Assert.Equal((PeerB, 5L), (gathers[1].Address, gathers[1].TotalBytes));
        Assert.Equal(["u"], gathers[1].Keys);
        Assert.Equal(WorkerTaskState.Waiting, ws.Tasks["z"].State);
        Assert.Equal(WorkerTaskState.Flight, ws.Tasks["x"].State);
    }

    [Fact]
    public void SelfIsNeverAPeerToFetchFrom()
    {
        var ws = new WorkerState(1, Self);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("x", 10, Self, PeerA)));
        Assert.Equal(PeerA, Assert.Single(ins.OfType<GatherDep>()).Address);
    }

    [Fact]
    public void ConcurrentGathersAreLimited()
    {
        var ws = new WorkerState(1, Self, maxConcurrentGathers: 1);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("a1", 10, PeerA), Dep("b1", 10, PeerB)));
        var first = Assert.Single(ins.OfType<GatherDep>());
        Assert.Equal(["a1"], first.Keys);

        ins = ws.HandleGatherDone(PeerA, [("a1", 10)], [], first.TotalBytes, "g1");
        var second = Assert.Single(ins.OfType<GatherDep>());
        Assert.Equal(PeerB, second.Address);
        Assert.Equal(["b1"], second.Keys);
    }

    [Fact]
    public void ByteBudgetLimitsKeysInOneRequest()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("a1", 80, PeerA), Dep("a2", 80, PeerA)));
        var first = Assert.Single(ins.OfType<GatherDep>());
        Assert.Equal(["a1"], first.Keys);

        ins = ws.HandleGatherDone(PeerA, [("a1", 80)], [], first.TotalBytes, "g1");
        Assert.Equal(["a2"], Assert.Single(ins.OfType<GatherDep>()).Keys);
    }

    [Fact]
    public void ByteBudgetLimitsRequestsAcrossPeers()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("a1", 80, PeerA), Dep("b1", 80, PeerB)));
        var first = Assert.Single(ins.OfType<GatherDep>());
        Assert.Equal(["a1"], first.Keys);

        ins = ws.HandleGatherDone(PeerA, [("a1", 80)], [], first.TotalBytes, "g1");
        Assert.Equal(["b1"], Assert.Single(ins.OfType<GatherDep>()).Keys);
    }

    [Fact]
    public void OversizedInputIsStillFetchedWhenNothingIsInFlight()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100);
        var ins = ws.HandleCompute(Compute("z", 0, Dep("big", 1_000, PeerA)));
        Assert.Equal(["big"], Assert.Single(ins.OfType<GatherDep>()).Keys);
    }

    [Fact]
    public void GatherDoneWakesDependentsAndExecutes()
    {
        var ws = new WorkerState(1, Self);
        var gather = Assert.Single(ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA), Dep("y", 10, PeerA))).OfType<GatherDep>());

        var ins = ws.HandleGatherDone(PeerA, [("x", 10), ("y", 12)], [], gather.TotalBytes, "g1");
        Assert.Equal(["z"], Executed(ins));
        Assert.Equal(WorkerTaskState.Memory, ws.Tasks["y"].State);
        Assert.Equal(12, ws.Tasks["y"].NBytes);
    }

    [Fact]
    public void PartialGatherKeepsTheDependentWaiting()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA), Dep("u", 10, PeerB)));
        Assert.Empty(Executed(ws.HandleGatherDone(PeerA, [("x", 10)], [], 10, "g1")));
        Assert.Equal(1, ws.Tasks["z"].WaitingOn);
        Assert.Equal(["z"], Executed(ws.HandleGatherDone(PeerB, [("u", 10)], [], 10, "g2")));
    }

    [Fact]
    public void MissingKeyWithAnotherHolderIsRetriedFromThatPeer()
    {
        var ws = new WorkerState(1, Self);
        var first = Assert.Single(ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA, PeerB))).OfType<GatherDep>());
        Assert.Equal(PeerA, first.Address);

        var ins = ws.HandleGatherDone(PeerA, [], ["x"], first.TotalBytes, "g1");
        var retry = Assert.Single(ins.OfType<GatherDep>());
        Assert.Equal(PeerB, retry.Address);
        Assert.Equal(["x"], retry.Keys);
        Assert.Empty(Sent(ins));
    }

    [Fact]
    public void MissingKeyWithNoHolderLeftIsReportedToTheScheduler()
    {
        var ws = new WorkerState(1, Self);
        var first = Assert.Single(ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA))).OfType<GatherDep>());

        var ins = ws.HandleGatherDone(PeerA, [], ["x"], first.TotalBytes, "g1");
        var missing = Assert.Single(Sent(ins)).MissingData;
        Assert.Equal(("x", PeerA, "z"), (missing.Key, missing.FromAddress, missing.ForKey));
        Assert.Empty(ins.OfType<GatherDep>());

        // The scheduler takes z back; nothing is left behind.
        Assert.Empty(ws.HandleFreeKeys(["z"], "free"));
        Assert.Empty(ws.Tasks);
    }

    [Fact]
    public void FetchedInputsAreReleasedOnceTheirDependentsRan()
    {
        var ws = new WorkerState(2, Self);
        ws.HandleCompute(Compute("z1", 0, Dep("x", 10, PeerA)));
        ws.HandleCompute(Compute("z2", 1, Dep("x", 10, PeerA)));
        var ins = ws.HandleGatherDone(PeerA, [("x", 10)], [], 10, "g1");
        Assert.Equal(["z1", "z2"], Executed(ins));

        Assert.Empty(Released(Succeed(ws, "z1")));
        ins = Succeed(ws, "z2");
        Assert.Equal(["x"], Released(ins));
        Assert.False(ws.Tasks.ContainsKey("x"));
        Assert.Equal(2, ws.InMemoryCount);
    }

    [Fact]
    public void ExecuteSuccessSendsTaskFinishedWithSizeTypeAndTimes()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        var ins = ws.HandleExecuteSuccess("x", 4096, "NDArray<Int64>(32, 16)", 1.5, 2.25, [7, 8], "done");

        var done = Assert.Single(Sent(ins)).TaskFinished;
        Assert.Equal(("x", 4096L, "NDArray<Int64>(32, 16)", 1.5, 2.25), (done.Key, done.Nbytes, done.TypeName, done.StartSeconds, done.StopSeconds));
        Assert.True(done.HasSmallValue);
        Assert.Equal([7, 8], done.SmallValue.ToByteArray());
        Assert.Equal("done", done.StimulusId);
        Assert.Equal(WorkerTaskState.Memory, ws.Tasks["x"].State);
        Assert.Equal(0, ws.ExecutingCount);
    }

    [Fact]
    public void ExecuteFailureSendsTaskErred()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleCompute(Compute("y", 1));
        var error = new ErrorInfo { ExceptionType = "System.DivideByZeroException", Message = "oops", Worker = "w" };

        var ins = ws.HandleExecuteFailure("x", error, "fail");
        var erred = Assert.Single(Sent(ins)).TaskErred;
        Assert.Equal(("x", "oops"), (erred.Key, erred.Error.Message));
        Assert.Equal(["y"], Executed(ins));
        Assert.False(ws.Tasks.ContainsKey("x"));
    }

    [Fact]
    public void RetryOfAFailedTaskThatHadALocalDependentRunsAgain()
    {
        var ws = new WorkerState(2, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleCompute(Compute("y", 1, Dep("x", 0, Self)));
        Assert.Equal(WorkerTaskState.Waiting, ws.Tasks["y"].State);

        ws.HandleExecuteFailure("x", new ErrorInfo { Message = "oops" }, "fail");
        ws.HandleFreeKeys(["y"], "free"); // the scheduler fails y and takes it back
        Assert.Empty(ws.Tasks);
        Assert.Equal(0, ws.ExecutingCount);

        Assert.Equal(["x"], Executed(ws.HandleCompute(Compute("x", 0))));
    }

    [Fact]
    public void FreeKeysOnAnExecutingTaskCancelsItAndDropsItsResult()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleCompute(Compute("y", 1));
        Assert.Empty(ws.HandleFreeKeys(["x"], "free"));
        Assert.Equal(WorkerTaskState.Cancelled, ws.Tasks["x"].State);

        var ins = Succeed(ws, "x");
        Assert.Equal(["x"], Released(ins));
        Assert.Empty(Sent(ins));
        Assert.Equal(["y"], Executed(ins));
        Assert.False(ws.Tasks.ContainsKey("x"));
    }

    [Fact]
    public void FailureOfACancelledTaskIsNotReported()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleFreeKeys(["x"], "free");
        Assert.Empty(Sent(ws.HandleExecuteFailure("x", new ErrorInfo { Message = "oops" }, "fail")));
        Assert.Empty(ws.Tasks);
    }

    [Fact]
    public void ComputeOfACancelledKeyResumesIt()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleFreeKeys(["x"], "free");

        Assert.Empty(ws.HandleCompute(Compute("x", 0)));
        Assert.Equal(WorkerTaskState.Executing, ws.Tasks["x"].State);
        Assert.Equal(1, ws.ExecutingCount);

        var done = Assert.Single(Sent(Succeed(ws, "x"))).TaskFinished;
        Assert.Equal("x", done.Key);
    }

    [Fact]
    public void FreeKeysOnAReadyTaskDropsIt()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleCompute(Compute("y", 1));
        Assert.Empty(ws.HandleFreeKeys(["y"], "free"));
        Assert.Empty(Executed(Succeed(ws, "x")));
        Assert.False(ws.Tasks.ContainsKey("y"));
    }

    [Fact]
    public void FreeKeysOnAResultReleasesIt()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        Succeed(ws, "x");
        Assert.Equal(["x"], Released(ws.HandleFreeKeys(["x"], "free")));
        Assert.Empty(ws.Tasks);
    }

    [Fact]
    public void FreeKeysOnAWaitingTaskReleasesItsFetchedInputs()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA), Dep("u", 10, PeerB)));
        ws.HandleGatherDone(PeerA, [("x", 10)], [], 10, "g1");

        Assert.Equal(["x"], Released(ws.HandleFreeKeys(["z"], "free")));
        Assert.False(ws.Tasks.ContainsKey("z"));
        Assert.False(ws.Tasks.ContainsKey("x"));
    }

    [Fact]
    public void InputArrivingAfterItsDependentWasFreedIsDroppedAndForgotten()
    {
        var ws = new WorkerState(1, Self);
        var gather = Assert.Single(ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA))).OfType<GatherDep>());
        ws.HandleFreeKeys(["z"], "free");

        var ins = ws.HandleGatherDone(PeerA, [("x", 10)], [], gather.TotalBytes, "g1");
        Assert.Equal(["x"], Released(ins));
        Assert.Empty(ws.Tasks);

        // A later task needing the same input fetches it again.
        Assert.Equal(["x"], Assert.Single(ws.HandleCompute(Compute("z2", 1, Dep("x", 10, PeerA))).OfType<GatherDep>()).Keys);
    }

    [Fact]
    public void InputMissingAfterItsDependentWasFreedIsForgottenSilently()
    {
        var ws = new WorkerState(1, Self);
        var gather = Assert.Single(ws.HandleCompute(Compute("z", 0, Dep("x", 10, PeerA))).OfType<GatherDep>());
        ws.HandleFreeKeys(["z"], "free");

        Assert.Empty(ws.HandleGatherDone(PeerA, [], ["x"], gather.TotalBytes, "g1"));
        Assert.Empty(ws.Tasks);
    }

    [Fact]
    public void GathersInFlightAreReleasedFromTheBudgetWhenDone()
    {
        var ws = new WorkerState(1, Self, transferBudgetBytes: 100, maxConcurrentGathers: 1);
        var g1 = Assert.Single(ws.HandleCompute(Compute("z1", 0, Dep("x", 90, PeerA))).OfType<GatherDep>());
        Assert.Empty(ws.HandleCompute(Compute("z2", 1, Dep("y", 90, PeerB))).OfType<GatherDep>());

        var ins = ws.HandleGatherDone(PeerA, [("x", 90)], [], g1.TotalBytes, "g1");
        Assert.Equal(["z1"], Executed(ins));
        Assert.Equal(["y"], Assert.Single(ins.OfType<GatherDep>()).Keys);
    }

    [Fact]
    public void StealOfAReadyTaskAnswersStolen()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));
        ws.HandleCompute(Compute("y", 1));

        var answer = Assert.Single(Sent(ws.HandleSteal("y", "steal"))).StealResponse;
        Assert.Equal(("y", true), (answer.Key, answer.Stolen));
        Assert.False(ws.Tasks.ContainsKey("y"));
        Assert.Empty(Executed(Succeed(ws, "x")));
    }

    [Fact]
    public void StealOfAnExecutingTaskAnswersNotStolen()
    {
        var ws = new WorkerState(1, Self);
        ws.HandleCompute(Compute("x", 0));

        var answer = Assert.Single(Sent(ws.HandleSteal("x", "steal"))).StealResponse;
        Assert.Equal(("x", false), (answer.Key, answer.Stolen));
        Assert.Equal(WorkerTaskState.Executing, ws.Tasks["x"].State);
    }

    [Fact]
    public void StealOfAnUnknownKeyAnswersNotStolen() =>
        Assert.False(Assert.Single(Sent(new WorkerState(1, Self).HandleSteal("nope", "steal"))).StealResponse.Stolen);
}
