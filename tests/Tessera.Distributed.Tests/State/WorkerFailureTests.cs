using Tessera.Distributed.State;
using static Tessera.Distributed.Tests.State.SchedulerHarness;

namespace Tessera.Distributed.Tests.State;

/// <summary>Retirement on a client's request, workers lost with their reasons, scattered data lost.</summary>
public sealed class WorkerFailureTests
{
    [Fact]
    public void RetireByNameHandsOverThenAnswersTheClientOnceTheWorkerLeft()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x", nbytes: 100);
        SchedulerWorker b = h.AddWorker("b");

        var ins = h.Checked(h.State.RetireWorkers("c1", "r1", ["a"], 0, h.Next()));
        Assert.Equal(["a"], Assert.Single(ins.OfType<WorkersRetiringOnRequest>()).Names);
        Assert.Equal(b, Assert.Single(ins.OfType<ReplicateOnWorker>()).Worker);
        Assert.Empty(ins.OfType<TellClientRetired>());
        Assert.True(a.Closing);

        Assert.Equal(a, Assert.Single(h.Checked(h.State.KeysAdded(b.Id, [("x", 100)], h.Next())).OfType<CloseOnWorker>()).Worker);
        var gone = h.Checked(h.State.CloseWorker(a.Id, h.Next(), "retired"));
        Assert.Empty(gone);
        gone = h.Remove(a);
        TellClientsWorkerLost lost = Assert.Single(gone.OfType<TellClientsWorkerLost>());
        Assert.Equal(("a", "tcp://a:1", true), (lost.Name, lost.Address, lost.Expected));
        Assert.Contains("retired", lost.Reason, StringComparison.Ordinal);
        TellClientRetired answer = Assert.Single(gone.OfType<TellClientRetired>());
        Assert.Equal(("c1", "r1", (string?)null), (answer.ClientId, answer.RequestId, answer.Error));
        Assert.Equal(["a"], answer.Names);
        Assert.Empty(Computed(gone));
        Assert.Equal([b], h.Task("x").WhoHas);
    }

    [Fact]
    public void RetireByDataAddressAndByCountPicksTheWorkerHoldingLeast()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x", nbytes: 1000);
        SchedulerWorker b = h.AddWorker("b");
        SchedulerWorker c = h.AddWorker("c");

        var byCount = h.Checked(h.State.RetireWorkers("c1", "r1", [], 2, h.Next()));
        Assert.Equal(["b", "c"], Assert.Single(byCount.OfType<WorkersRetiringOnRequest>()).Names);
        Assert.Equal([b, c], byCount.OfType<CloseOnWorker>().Select(static x => x.Worker));

        var h2 = new SchedulerHarness();
        SchedulerWorker d = h2.AddWorker("d");
        h2.AddWorker("e");
        var byAddress = h2.Checked(h2.State.RetireWorkers("c1", "r2", ["tcp://d:1"], 0, h2.Next()));
        Assert.Equal(d, Assert.Single(byAddress.OfType<CloseOnWorker>()).Worker);
    }

    [Fact]
    public void RetireUnknownWorkerIsRefusedNamingTheConnectedOnes()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        var ins = h.Checked(h.State.RetireWorkers("c1", "r1", ["a", "nope"], 0, h.Next()));
        TellClientRetired answer = Assert.Single(ins.OfType<TellClientRetired>());
        Assert.Contains("'nope'", answer.Error, StringComparison.Ordinal);
        Assert.Contains("connected: a", answer.Error, StringComparison.Ordinal);
        Assert.Empty(answer.Names);
        Assert.False(a.Closing);
        Assert.Empty(ins.OfType<WorkersRetiringOnRequest>());
    }

    [Fact]
    public void RetiringTheLastWorkerHoldingDataIsRefusedSayingWhatWouldBeLost()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x", nbytes: 2048);

        var ins = h.Checked(h.State.RetireWorkers("c1", "r1", ["a"], 0, h.Next()));
        string? error = Assert.Single(ins.OfType<TellClientRetired>()).Error;
        Assert.NotNull(error);
        Assert.Contains("would lose 1 results", error, StringComparison.Ordinal);
        Assert.Contains("x", error, StringComparison.Ordinal);
        Assert.False(a.Closing);

        // With nothing held, the last worker may go.
        h.Release("x");
        var ok = h.Checked(h.State.RetireWorkers("c1", "r2", ["a"], 0, h.Next()));
        Assert.Single(ok.OfType<CloseOnWorker>());
    }

    [Fact]
    public void WorkerLostReportsTheReasonItGaveOrConnectionLost()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        SchedulerWorker b = h.AddWorker("b");
        h.Checked(h.State.CloseWorker(a.Id, h.Next(), "exceeded 95% of its 2 GiB memory limit", failure: true));
        TellClientsWorkerLost memory = Assert.Single(h.Remove(a).OfType<TellClientsWorkerLost>());
        Assert.Equal(("exceeded 95% of its 2 GiB memory limit", false), (memory.Reason, memory.Expected));

        TellClientsWorkerLost died = Assert.Single(h.Remove(b).OfType<TellClientsWorkerLost>());
        Assert.Equal((SchedulerState.ConnectionLost, false), (died.Reason, died.Expected));
    }

    [Fact]
    public void HandOverIsPlannedAgainWhenItsTargetDies()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(a, "x", nbytes: 100);
        SchedulerWorker b = h.AddWorker("b");
        Assert.Equal(b, Assert.Single(h.Checked(h.State.RetireWorkers("c1", "r1", ["a"], 0, h.Next())).OfType<ReplicateOnWorker>()).Worker);
        SchedulerWorker c = h.AddWorker("c");

        var ins = h.Remove(b);
        Assert.Equal(c, Assert.Single(ins.OfType<ReplicateOnWorker>()).Worker);
        Assert.Empty(ins.OfType<CloseOnWorker>());
        Assert.Equal(a, Assert.Single(h.Checked(h.State.KeysAdded(c.Id, [("x", 100)], h.Next())).OfType<CloseOnWorker>()).Worker);
    }

    [Fact]
    public void TasksOfAWorkerThatLeftOnPurposeAreNotSuspicious()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.AddWorker("b");
        h.Checked(h.State.RetireWorkers("c1", "r1", ["a"], 0, h.Next()));
        var ins = h.Remove(a);
        Assert.Equal(["x"], Computed(ins));
        Assert.Equal(0, h.Task("x").Suspicious);
    }

    [Fact]
    public void KilledWorkerErrorNamesTheLastWorkerAndItsReason()
    {
        var h = new SchedulerHarness();
        for (int i = 0; i <= SchedulerState.AllowedFailures; i++)
        {
            h.AddWorker("w" + i);
        }

        h.Submit(new GraphBuilder().Task("hog"), "hog");
        List<SchedulerInstruction> ins = [];
        for (int i = 0; i <= SchedulerState.AllowedFailures; i++)
        {
            SchedulerWorker on = h.Task("hog").ProcessingOn!;
            h.Checked(h.State.CloseWorker(on.Id, h.Next(), $"exceeded 95% of its 1 GiB memory limit (try {i})", failure: true));
            ins = h.Remove(on);
        }

        TellClientErred erred = Assert.Single(ins.OfType<TellClientErred>());
        Assert.Equal("Tessera.Distributed.KilledWorkerException", erred.Error.ExceptionType);
        Assert.Contains("hog", erred.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"w{SchedulerState.AllowedFailures}", erred.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"memory limit (try {SchedulerState.AllowedFailures})", erred.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LostScatteredValueFailsItAndItsDependentsInsteadOfRecomputing()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        var submitted = h.Submit(new GraphBuilder().Scattered("s").Task("y", "s").Task("z", "y"), "s", "z");
        Assert.False(Assert.Single(submitted.OfType<ComputeOnWorker>()).KeepSmallValue);
        Assert.Equal([42], h.Task("s").Args);
        h.Finish(a, "s");
        Assert.Empty(h.Task("s").Args);
        Assert.Equal(a, h.Task("y").ProcessingOn);
        h.AddWorker("b");

        var ins = h.Remove(a);
        Assert.Empty(Computed(ins));
        var erred = ins.OfType<TellClientErred>().ToList();
        Assert.Equal(["s", "z"], erred.Select(static e => e.Key).Order());
        Assert.All(erred, e => Assert.Equal(SchedulerState.ScatteredLostType, e.Error.ExceptionType));
        Assert.All(erred, e => Assert.Equal("s", e.FailedKey));
        Assert.Contains("worker a", erred[0].Error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerTaskState.Erred, h.Task("y").State);
    }

    [Fact]
    public void ScatteredValueNotYetHeldIsSentAgain()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        h.Submit(new GraphBuilder().Scattered("s"), "s");
        SchedulerWorker b = h.AddWorker("b");
        Assert.Equal(a, h.Task("s").ProcessingOn);
        Assert.Equal(["s"], Computed(h.Remove(a), b));
    }
}
