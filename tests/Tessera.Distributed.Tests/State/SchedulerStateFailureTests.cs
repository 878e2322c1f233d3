using Tessera.Distributed.State;
using static Tessera.Distributed.Tests.State.SchedulerHarness;

namespace Tessera.Distributed.Tests.State;

/// <summary>Workers leaving, errors, clients releasing and cancelling, lost data, stealing, invariants.</summary>
public sealed class SchedulerStateFailureTests
{
    [Fact]
    public void RemoveWorkerReschedulesItsProcessingTasksOnTheOtherWorker()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(2), "sum");
        Assert.Equal(w1, h.Task("r-0").ProcessingOn);

        var ins = h.Remove(w1);
        Assert.Equal(["r-0"], Computed(ins, w2));
        Assert.Equal(w2, h.Task("r-0").ProcessingOn);
        Assert.DoesNotContain(w1.Id, h.State.Workers.Keys);
        Assert.Equal(1, h.Task("r-0").Suspicious);
    }

    [Fact]
    public void RemoveWorkerRecomputesResultsHeldOnlyThereWhenStillNeeded()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.Chain("a", "b"), "b");
        h.Finish(w1, "a");
        Assert.Equal(w1, h.Task("b").ProcessingOn);

        var ins = h.Remove(w1);
        Assert.Equal(["a"], Computed(ins, w2));
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("b").State);

        Assert.Equal(["b"], Computed(h.Finish(w2, "a"), w2));
        ins = h.Finish(w2, "b");
        Assert.Equal("b", Assert.Single(ins.OfType<TellClientInMemory>()).Task.Key);
        Assert.Equal(["a"], Freed(ins, w2));
    }

    [Fact]
    public void WantedResultLostWithItsWorkerIsRecomputedFromItsRecipe()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.Submit(GraphBuilder.Chain("a", "b"), "b");
        h.Finish(w1, "a");
        h.Finish(w1, "b");
        SchedulerWorker w2 = h.AddWorker("b");

        var ins = h.Remove(w1);
        Assert.Equal(["a"], Computed(ins, w2));
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("b").State);
        Assert.Empty(ins.OfType<TellClientErred>());
    }

    [Fact]
    public void TaskThatKilledTooManyWorkersFailsWithKilledWorkerException()
    {
        var h = new SchedulerHarness();
        for (int i = 0; i < SchedulerState.AllowedFailures + 2; i++)
        {
            h.AddWorker("w" + i);
        }

        h.Submit(new GraphBuilder().Task("bad").Task("after", "bad"), "after");
        for (int i = 0; i < SchedulerState.AllowedFailures; i++)
        {
            var again = h.Remove(h.Task("bad").ProcessingOn!);
            Assert.Equal(["bad"], Computed(again));
        }

        var ins = h.Remove(h.Task("bad").ProcessingOn!);
        Assert.Empty(Computed(ins));
        var erred = Assert.Single(ins.OfType<TellClientErred>());
        Assert.Equal(("after", "bad"), (erred.Key, erred.FailedKey));
        Assert.Equal("Tessera.Distributed.KilledWorkerException", erred.Error.ExceptionType);
        Assert.Contains("died", erred.Error.Message, StringComparison.Ordinal);
        Assert.Equal(SchedulerTaskState.Erred, h.Task("bad").State);
        Assert.Equal(SchedulerTaskState.Erred, h.Task("after").State);
    }

    [Fact]
    public void SuccessResetsTheKilledWorkerCount()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Remove(w1);
        Assert.Equal(1, h.Task("x").Suspicious);
        h.Finish(w2, "x");
        Assert.Equal(0, h.Task("x").Suspicious);
    }

    [Fact]
    public void RemovingTheLastWorkerMakesEverythingNoWorkerUntilOneJoins()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.Submit(GraphBuilder.FanIn(5), "sum");
        Assert.Equal(3, h.State.Queued.Count);

        Assert.IsType<TellClientsWorkerLost>(Assert.Single(h.Remove(w1)));
        Assert.Empty(h.State.Queued);
        Assert.Equal(5, h.State.Unrunnable.Count);

        SchedulerWorker w2 = h.AddWorker("b", 1, out var ins);
        Assert.Equal(["r-0", "r-1"], Computed(ins, w2));
        Assert.Equal(3, h.State.Queued.Count);
    }

    [Fact]
    public void RemoveUnknownWorkerIsANoOp() => Assert.Empty(new SchedulerHarness().State.RemoveWorker("w99", "s"));

    [Fact]
    public void TaskErredPropagatesToDependentsAndTellsTheClient()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.Chain("a", "b", "c"), "c");

        var ins = h.Err(w, "a", "bad input");
        var erred = Assert.Single(ins.OfType<TellClientErred>());
        Assert.Equal(("c1", "c", "a"), (erred.ClientId, erred.Key, erred.FailedKey));
        Assert.Equal("bad input", erred.Error.Message);
        Assert.All(["a", "b", "c"], k => Assert.Equal(SchedulerTaskState.Erred, h.Task(k).State));
        Assert.Empty(w.Processing);

        // A client asking for the failed key later hears at once.
        ins = h.Submit(new GraphBuilder().Task("c"), "c");
        Assert.Equal("a", Assert.Single(ins.OfType<TellClientErred>()).FailedKey);

        h.Release("c");
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void ErredRootInFanInFailsTheSumAndFreesTheSiblingsResult()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a", 2);
        h.Submit(GraphBuilder.FanIn(2), "sum");

        var ins = h.Err(w, "r-0");
        Assert.Equal("sum", Assert.Single(ins.OfType<TellClientErred>()).Key);
        ins = h.Finish(w, "r-1");
        Assert.Equal(["r-1"], Freed(ins, w));
        Assert.Empty(ins.OfType<TellClientInMemory>());
    }

    [Fact]
    public void TaskErredFromAWorkerNotRunningTheTaskIsIgnored()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(new GraphBuilder().Task("x"), "x");
        Assert.Empty(h.Err(w2, "x"));
        Assert.Equal(SchedulerTaskState.Processing, h.Task("x").State);
    }

    [Fact]
    public void ReleasingAnUnfinishedComputationStopsWorkAndForgetsTasks()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.FanIn(20), "sum");
        h.Finish(w, "r-0");

        var ins = h.Release("sum");
        Assert.Equal(["r-0", "r-1", "r-2"], Freed(ins, w).Order());
        Assert.Empty(Computed(ins));
        Assert.Empty(h.State.Queued);
        Assert.Empty(h.State.Tasks);
        Assert.Empty(w.Processing);
        Assert.Empty(w.HasWhat);
        Assert.Equal(0, w.Occupancy, 9);
    }

    [Fact]
    public void LateResultOfAReleasedTaskIsFreedOnTheWorker()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Release("x");

        var ins = h.Finish(w, "x");
        Assert.Equal(["x"], Freed(ins, w));
        Assert.Empty(h.State.Tasks);
        Assert.Equal(0, w.NBytes);
    }

    [Fact]
    public void ReleasingRunningWorkLetsQueuedWorkOfAnotherComputationStart()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x-0").Task("x-1"), "x-0", "x-1");
        h.Submit(new GraphBuilder().Task("y-0"), "y-0");
        Assert.Equal(SchedulerTaskState.Queued, h.Task("y-0").State);

        var ins = h.Release("x-0", "x-1");
        Assert.Equal(["x-0", "x-1"], Freed(ins, w).Order());
        Assert.Equal(["y-0"], Computed(ins, w));
    }

    [Fact]
    public void CancelKeysTellsTheClientAndStopsWork()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.FanIn(3), "sum");

        var ins = h.Checked(h.State.CancelKeys("c1", ["sum"], h.Next()));
        var cancelled = Assert.Single(ins.OfType<TellClientCancelled>());
        Assert.Equal(("c1", "sum"), (cancelled.ClientId, cancelled.Key));
        Assert.Equal(["r-0", "r-1"], Freed(ins, w).Order());
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void CancelOfAKeyTheClientDoesNotHoldSaysNothing()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        Assert.Empty(h.Checked(h.State.CancelKeys("c1", ["nothing"], h.Next())));
    }

    [Fact]
    public void RemoveClientReleasesOnlyWhatNoOtherClientWants()
    {
        var h = new SchedulerHarness("c1", "c2");
        SchedulerWorker w = h.AddWorker("a", 2);
        h.Submit(new GraphBuilder().Task("x").Task("y"), "x", "y");
        h.Submit("c2", new GraphBuilder().Task("y"), "y");
        h.Finish(w, "x");
        h.Finish(w, "y");

        var ins = h.Checked(h.State.RemoveClient("c1", h.Next()));
        Assert.Equal(["x"], Freed(ins, w));
        Assert.Null(h.State.GetTask("x"));
        Assert.Equal(["c2"], h.Task("y").WhoWants);
        Assert.Equal(SchedulerTaskState.Memory, h.Task("y").State);
        Assert.Equal(["c2"], h.State.Clients);
    }

    [Fact]
    public void RemoveClientStopsItsRunningWork()
    {
        var h = new SchedulerHarness("c1", "c2");
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.Chain("a", "b"), "b");

        var ins = h.Checked(h.State.RemoveClient("c1", h.Next()));
        Assert.Equal(["a"], Freed(ins, w));
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void MissingDataMakesTheHolderLoseTheReplicaAndReschedulesTheDependent()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(2), "sum");
        h.Finish(w1, "r-0");
        h.Finish(w2, "r-1");
        Assert.Equal(w1, h.Task("sum").ProcessingOn);

        var ins = h.Checked(h.State.MissingData(w1.Id, "r-1", w2.DataAddress, "sum", h.Next()));
        Assert.Equal(["sum"], Freed(ins, w1));
        Assert.Equal(["r-1"], Computed(ins));
        Assert.Empty(w2.HasWhat);
        Assert.Equal(0, w2.NBytes);
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("sum").State);
        Assert.Equal(1, h.Task("sum").WaitingOn);

        SchedulerWorker r1On = h.Task("r-1").ProcessingOn!;
        Assert.Equal(["sum"], Computed(h.Finish(r1On, "r-1")));
    }

    [Fact]
    public void MissingDataWithAnotherReplicaReschedulesTheDependentOnly()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(w1, "x");
        h.Finish(w2, "x"); // a duplicate result is kept as a replica
        Assert.Equal(2, h.Task("x").WhoHas.Count);
        h.Submit(new GraphBuilder().Task("y", "x"), "y");
        SchedulerWorker yOn = h.Task("y").ProcessingOn!;
        SchedulerWorker other = yOn == w1 ? w2 : w1;

        var ins = h.Checked(h.State.MissingData(yOn.Id, "x", other.DataAddress, "y", h.Next()));
        Assert.Equal(["y"], Freed(ins, yOn));
        Assert.Equal(["y"], Computed(ins));
        Assert.Equal([yOn], h.Task("x").WhoHas);
        Assert.Equal(SchedulerTaskState.Processing, h.Task("y").State);
    }

    [Fact]
    public void BalanceStealsFromAWorkerWithSurplusToAnIdleOne()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");
        SchedulerWorker w2 = h.AddWorker("b");

        var ins = h.Checked(h.State.Balance(h.Next()));
        var steal = Assert.Single(ins.OfType<StealFromWorker>());
        Assert.Equal((w1, "r-1"), (steal.Worker, steal.Key));
        Assert.Empty(h.Checked(h.State.Balance(h.Next()))); // one request in flight per task

        ins = h.Checked(h.State.StealResponse(w1.Id, "r-1", stolen: true, h.Next()));
        Assert.Equal(["r-1"], Computed(ins, w2));
        Assert.Equal(w2, h.Task("r-1").ProcessingOn);
        Assert.Equal([h.Task("r-0")], w1.Processing);
    }

    [Fact]
    public void StealRefusedLeavesTheTaskWhereItIs()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");
        h.AddWorker("b");
        h.Checked(h.State.Balance(h.Next()));

        Assert.Empty(h.Checked(h.State.StealResponse(w1.Id, "r-1", stolen: false, h.Next())));
        Assert.Equal(w1, h.Task("r-1").ProcessingOn);
        Assert.Null(h.Task("r-1").StealFrom);
    }

    [Fact]
    public void StealResponseAfterTheTaskFinishedIsIgnored()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");
        h.AddWorker("b");
        h.Checked(h.State.Balance(h.Next()));
        h.Finish(w1, "r-1");

        Assert.Empty(h.Checked(h.State.StealResponse(w1.Id, "r-1", stolen: true, h.Next())));
        Assert.Equal(SchedulerTaskState.Memory, h.Task("r-1").State);
    }

    [Fact]
    public void BalanceDoesNothingWithoutSurplus()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        h.AddWorker("b");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");
        Assert.Empty(h.Checked(h.State.Balance(h.Next())));
    }

    [Fact]
    public void ValidateCatchesACorruptedWaitingCount()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        h.Submit(GraphBuilder.Chain("a", "b"), "b");
        h.Task("b").WaitingOn = 5;
        var ex = Assert.Throws<InvalidOperationException>(h.State.Validate);
        Assert.Contains("waiting on 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCatchesACorruptedWorkerByteCount()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(w, "x");
        w.NBytes += 1;
        Assert.Throws<InvalidOperationException>(h.State.Validate);
    }

    [Fact]
    public void ValidateCatchesATaskMissingFromItsWorkersProcessingSet()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        w.Processing.Clear();
        var ex = Assert.Throws<InvalidOperationException>(h.State.Validate);
        Assert.Contains("processing set", ex.Message, StringComparison.Ordinal);
    }
}
