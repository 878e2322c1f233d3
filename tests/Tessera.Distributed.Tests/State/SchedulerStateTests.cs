using Tessera.Distributed.State;
using static Tessera.Distributed.Tests.State.SchedulerHarness;

namespace Tessera.Distributed.Tests.State;

public sealed class SchedulerStateTests
{
    [Fact]
    public void ChainRunsInOrderAndReleasesIntermediates()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");

        var ins = h.Submit(GraphBuilder.Chain("a", "b", "c"), "c");
        Assert.Equal(["a"], Computed(ins, w));
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("b").State);
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("c").State);

        ins = h.Finish(w, "a");
        Assert.Equal(["b"], Computed(ins, w));
        Assert.Empty(Freed(ins));

        ins = h.Finish(w, "b");
        Assert.Equal(["c"], Computed(ins, w));
        Assert.Equal(["a"], Freed(ins, w));

        ins = h.Finish(w, "c");
        Assert.Equal(["b"], Freed(ins, w));
        var told = Assert.Single(ins.OfType<TellClientInMemory>());
        Assert.Equal(("c1", "c"), (told.ClientId, told.Task.Key));
        Assert.Equal(SchedulerTaskState.Memory, h.Task("c").State);
        Assert.Equal([h.Task("c")], w.HasWhat);
        Assert.Equal(8, w.NBytes);
    }

    [Fact]
    public void DiamondRunsJoinOnlyWhenBothBranchesFinished()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a", nthreads: 2);
        h.Submit(GraphBuilder.Diamond(), "d");

        Assert.Equal(["b", "c"], Computed(h.Finish(w, "a")).Order());
        var ins = h.Finish(w, "b");
        Assert.Empty(Computed(ins));
        Assert.Empty(Freed(ins));
        Assert.Equal(1, h.Task("d").WaitingOn);

        ins = h.Finish(w, "c");
        Assert.Equal(["d"], Computed(ins));
        Assert.Equal(["a"], Freed(ins));
        Assert.Equal(["b", "c"], Freed(h.Finish(w, "d")).Order());
    }

    [Fact]
    public void WantedResultIsNotFreedAndReleasingItForgetsTheGraph()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.Chain("a", "b"), "a", "b");
        var ins = h.Finish(w, "a");
        ins.AddRange(h.Finish(w, "b"));
        Assert.Empty(Freed(ins));
        Assert.Equal(["a", "b"], ins.OfType<TellClientInMemory>().Select(static t => t.Task.Key).Order());

        ins = h.Release("a", "b");
        Assert.Equal(["a", "b"], Freed(ins, w).Order());
        Assert.Empty(h.State.Tasks);
        Assert.Empty(w.HasWhat);
        Assert.Equal(0, w.NBytes);
    }

    [Fact]
    public void RootTasksAreDealtInRunsAndQueuedWhenWorkersAreSaturated()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");

        var ins = h.Submit(GraphBuilder.FanIn(20), "sum");

        // Each worker's share is a contiguous run of the roots in priority order: a gets r-0…r-9, b r-10…r-19.
        Assert.Equal(Enumerable.Range(0, 10).Select(static i => $"r-{i}").ToHashSet(), w1.HomeQueue.Concat(w1.Processing).Select(static t => t.Key).ToHashSet());
        Assert.Equal(Enumerable.Range(10, 10).Select(static i => $"r-{i}").ToHashSet(), w2.HomeQueue.Concat(w2.Processing).Select(static t => t.Key).ToHashSet());

        // Durations unknown: each 1-thread worker gets ceil(1.1 * 1) = 2 tasks, best priority of its run first.
        Assert.Equal(2, w1.Slots);
        Assert.Equal(["r-0", "r-1"], Computed(ins, w1));
        Assert.Equal(["r-10", "r-11"], Computed(ins, w2));
        Assert.Equal(16, h.State.Queued.Count);
        Assert.All(h.State.Queued, static t => Assert.Equal(SchedulerTaskState.Queued, t.State));
        Assert.Equal("r-2", h.State.Queued.First().Key);
    }

    [Fact]
    public void AnIdleWorkerTakesTheLastRootOfTheLongestOtherRun()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(6), "sum");
        Assert.Equal(["r-2"], w1.HomeQueue.Select(static t => t.Key));
        Assert.Equal(["r-5"], w2.HomeQueue.Select(static t => t.Key));

        Assert.Equal(["r-2"], Computed(h.Finish(w1, "r-0"), w1));

        // a's run is done: it takes b's last root (the one b would reach last), not its next one.
        Assert.Equal(["r-5"], Computed(h.Finish(w1, "r-1"), w1));
        Assert.Empty(h.State.Queued);
        Assert.Empty(Computed(h.Finish(w2, "r-3")));
    }

    [Fact]
    public void RunsOfUnevenLengthGoLongestFirstAsFoldChainsAreCut()
    {
        var h = new SchedulerHarness();
        var workers = new[] { "a", "b", "c", "d" }.Select(n => h.AddWorker(n)).ToArray();
        h.Submit(GraphBuilder.FanIn(10), "sum");

        // 10 roots over 4 equal workers: runs of 3, 3, 2, 2, as array lowering cuts 10 facets into 4 fold chains.
        Assert.Equal([3, 3, 2, 2], workers.Select(static w => w.HomeQueue.Count + w.Processing.Count));
        Assert.Equal(["r-0", "r-1", "r-2"], workers[0].HomeQueue.Concat(workers[0].Processing).Select(static t => t.Key).Order());
        Assert.Equal(["r-8", "r-9"], workers[3].HomeQueue.Concat(workers[3].Processing).Select(static t => t.Key).Order());
    }

    [Fact]
    public void ALeavingWorkersRunIsDealtToTheOthers()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        SchedulerWorker w3 = h.AddWorker("c");
        h.Submit(GraphBuilder.FanIn(12), "sum");
        Assert.Equal(["r-10", "r-11"], w3.HomeQueue.Select(static t => t.Key));

        var ins = h.Remove(w3);

        // Its two running roots and its two queued ones go back to the queue and are dealt to a and b.
        Assert.Empty(Computed(ins));
        Assert.Equal(8, w1.HomeQueue.Count + w2.HomeQueue.Count);
        Assert.All(h.State.Queued, t => Assert.Contains(t.Home, new[] { w1, w2 }));
    }

    [Fact]
    public void FinishedTaskReleasesNextQueuedTaskInPriorityOrder()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(20), "sum");

        Assert.Equal(["r-12"], Computed(h.Finish(w2, "r-11"), w2));
        Assert.Equal(["r-2"], Computed(h.Finish(w1, "r-0"), w1));
        Assert.Equal(["r-3"], Computed(h.Finish(w1, "r-1"), w1));
        Assert.Equal(13, h.State.Queued.Count);
    }

    [Fact]
    public void RootsWithBigResultsGoOnePerThread()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(20), "sum");

        // Once a root of this kind is known to return 1 GiB, a 1-thread worker holds one such root in flight, not
        // Dask's ceil(1.1) = 2: a second facet waiting on the worker would double its memory for no gain.
        Assert.Equal(["r-2"], Computed(h.Finish(w1, "r-0", nbytes: 1L << 30), w1));
        Assert.Empty(Computed(h.Finish(w1, "r-1", nbytes: 1L << 30), w1));
        Assert.Single(w1.Processing);
        Assert.Equal(["r-3"], Computed(h.Finish(w1, "r-2", nbytes: 1L << 30), w1));
        Assert.Single(w1.Processing);
    }

    [Fact]
    public void FanInRunsToCompletionAndFreesAllRoots()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w1 = h.AddWorker("a");
        SchedulerWorker w2 = h.AddWorker("b");
        h.Submit(GraphBuilder.FanIn(20), "sum");

        var all = new List<SchedulerInstruction>();
        while (h.Task("sum").State == SchedulerTaskState.Waiting)
        {
            SchedulerTask next = w1.Processing.Concat(w2.Processing).OrderBy(static t => t, PriorityComparer.Instance).First();
            all.AddRange(h.Finish(next.ProcessingOn!, next.Key));
        }

        Assert.Equal(SchedulerTaskState.Processing, h.Task("sum").State);
        all.AddRange(h.Finish(h.Task("sum").ProcessingOn!, "sum"));
        Assert.Equal(GraphBuilder.Roots(20).Order(), Freed(all).Order());
        Assert.Empty(h.State.Queued);
        Assert.Single(all.OfType<TellClientInMemory>());
    }

    [Fact]
    public void TinyTasksLetMoreTasksInFlight()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(GraphBuilder.FanIn(100), "sum");
        Assert.Equal(2, w.Processing.Count);

        // The first tasks finish in 10 µs: the scheduler learns that the prefix is tiny.
        h.Finish(w, "r-0", seconds: 1e-5);
        h.Finish(w, "r-1", seconds: 1e-5);

        // Keeping a 1-thread worker busy with 10 µs tasks needs far more than 2 in flight.
        Assert.True(w.Processing.Count > 10, $"only {w.Processing.Count} tasks in flight");
        Assert.True(w.Occupancy < SchedulerState.SaturationSeconds * 2, $"occupancy {w.Occupancy}");
    }

    [Fact]
    public void OccupancyReturnsToZeroWhenTasksFinishFasterThanEstimated()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");
        Assert.Equal(2 * SchedulerState.UnknownTaskSeconds, w.Occupancy, 9);

        h.Finish(w, "r-0", seconds: 1e-5);
        h.Finish(w, "r-1", seconds: 1e-5);
        Assert.Empty(w.Processing);
        Assert.Equal(0, w.Occupancy, 9);
    }

    [Fact]
    public void OccupancyStaysPositiveWhileWorkRunsAfterASlowTask()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("r-0").Task("r-1"), "r-0", "r-1");

        h.Finish(w, "r-0", seconds: 5.0);
        Assert.Single(w.Processing);
        Assert.True(w.Occupancy > 0, $"occupancy {w.Occupancy} with r-1 still processing");
    }

    [Theory]
    [InlineData(2_000_000_000L, "a")]
    [InlineData(1_000L, "b")]
    public void WorkerChoicePrefersHolderOfBigDependencyOtherwiseLessOccupied(long nbytes, string expected)
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        SchedulerWorker b = h.AddWorker("b");
        Assert.Equal(["x"], Computed(h.Submit(new GraphBuilder().Task("x"), "x"), a));
        h.Finish(a, "x", nbytes);

        // a: 2 tasks (1 s of work), b: 1 task (0.5 s); a holds x.
        var ins = h.Submit(new GraphBuilder().Task("p1").Task("p2").Task("p3"), "p1", "p2", "p3");
        Assert.Equal(["p1", "p2"], Computed(ins, a));
        Assert.Equal(["p3"], Computed(ins, b));

        ins = h.Submit(new GraphBuilder().Task("z", "x"), "z");
        Assert.Equal(expected, Assert.Single(ins.OfType<ComputeOnWorker>()).Worker.Name);
    }

    [Fact]
    public void WithoutWorkersTasksWaitAsNoWorkerAndAddWorkerRunsThem()
    {
        var h = new SchedulerHarness();
        var ins = h.Submit(GraphBuilder.FanIn(3), "sum");
        Assert.Empty(ins);
        Assert.Equal(3, h.State.Unrunnable.Count);
        Assert.Equal(SchedulerTaskState.NoWorker, h.Task("r-0").State);

        SchedulerWorker w = h.AddWorker("a", 1, out ins);
        Assert.Equal(["r-0", "r-1"], Computed(ins, w));
        Assert.Empty(h.State.Unrunnable);
        Assert.Equal(["r-2"], h.State.Queued.Select(static t => t.Key));
    }

    [Fact]
    public void NewWorkerTakesQueuedTasks()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        h.Submit(GraphBuilder.FanIn(6), "sum");
        Assert.Equal(4, h.State.Queued.Count);

        // b takes the end of a's run, so each worker's roots stay contiguous: a r-0…r-2, b r-3…r-5.
        SchedulerWorker b = h.AddWorker("b", 2, out var ins);
        Assert.Equal(["r-3", "r-4", "r-5"], Computed(ins, b).Order());
        Assert.Equal(["r-2"], h.State.Queued.Select(static t => t.Key));
    }

    [Fact]
    public void UpdateGraphWithKeyAlreadyInMemoryNotifiesAtOnce()
    {
        var h = new SchedulerHarness("c1", "c2");
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(w, "x");

        var ins = h.Submit("c2", new GraphBuilder().Task("x"), "x");
        var told = Assert.Single(ins);
        Assert.Equal("c2", Assert.IsType<TellClientInMemory>(told).ClientId);
        Assert.Equal(["c1", "c2"], h.Task("x").WhoWants.Order());
    }

    [Fact]
    public void GraphMayDependOnKeysAlreadyOnTheCluster()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(w, "x");

        var ins = h.Submit(new GraphBuilder().Task("y", "x"), "y");
        Assert.Equal(["y"], Computed(ins, w));
        Assert.Empty(Freed(h.Finish(w, "y")));
    }

    [Fact]
    public void UnknownDependencyThrowsClearErrorAndLeavesNoTrace()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");

        var ex = Assert.Throws<InvalidOperationException>(() => h.Submit(new GraphBuilder().Task("b", "nope").Task("c", "b"), "c"));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("neither in the graph nor on the cluster", ex.Message, StringComparison.Ordinal);
        h.State.Validate();
        Assert.Empty(h.State.Tasks);

        // A corrected graph with the same keys is built from scratch: c still waits for b.
        var ins = h.Submit(new GraphBuilder().Task("b").Task("c", "b"), "c");
        Assert.Equal(["b"], Computed(ins));
        Assert.Equal(SchedulerTaskState.Waiting, h.Task("c").State);
    }

    [Fact]
    public void WantedKeyNotInGraphThrowsAndLeavesNoTrace()
    {
        var h = new SchedulerHarness();
        var ex = Assert.Throws<InvalidOperationException>(() => h.Submit(new GraphBuilder().Task("a"), "a", "zzz"));
        Assert.Contains("zzz", ex.Message, StringComparison.Ordinal);
        h.State.Validate();
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void UnknownClientAndUnknownFunctionAreRejected()
    {
        var h = new SchedulerHarness();
        Assert.Throws<InvalidOperationException>(() => h.Submit("ghost", new GraphBuilder().Task("a"), "a"));
        var bad = new NewTask("a", "missing-fn", [], [], [0]);
        var ex = Assert.Throws<InvalidOperationException>(() => h.State.UpdateGraph("c1", [bad], new Dictionary<string, byte[]>(), ["a"], "s"));
        Assert.Contains("missing-fn", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void DuplicateKeyInOneGraphIsRejected()
    {
        var h = new SchedulerHarness();
        var ex = Assert.Throws<InvalidOperationException>(() => h.Submit(new GraphBuilder().Task("a").Task("a"), "a"));
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.State.Tasks);
    }

    [Fact]
    public void ClosingWorkerTakesNoNewWork()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        SchedulerWorker b = h.AddWorker("b");
        h.Checked(h.State.CloseWorker(a.Id, h.Next()));

        var ins = h.Submit(GraphBuilder.FanIn(3), "sum");
        Assert.Empty(Computed(ins, a));
        Assert.Equal(["r-0", "r-1"], Computed(ins, b));
        Assert.Empty(Computed(h.Finish(b, "r-0"), a));
    }

    [Fact]
    public void DuplicateWorkerNameIsRejected()
    {
        var h = new SchedulerHarness();
        h.AddWorker("a");
        Assert.Throws<InvalidOperationException>(() => h.AddWorker("a"));
    }

    [Fact]
    public void HeartbeatUpdatesWorkerLoad()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.State.Heartbeat(w.Id, memory: 1234, executing: 1, ready: 3);
        Assert.Equal((1234L, 1, 3), (w.Memory, w.Executing, w.Ready));
    }

    [Fact]
    public void PausedWorkerGetsNoQueuedWorkUntilItResumes()
    {
        var h = new SchedulerHarness();
        SchedulerWorker a = h.AddWorker("a");
        SchedulerWorker b = h.AddWorker("b");
        h.State.Heartbeat(a.Id, memory: 1, executing: 0, ready: 0, paused: true);
        h.Submit(GraphBuilder.FanIn(10), "sum");
        Assert.Empty(a.Processing);
        Assert.NotEmpty(b.Processing);
        var resumed = h.State.Heartbeat(a.Id, memory: 1, executing: 0, ready: 0, paused: false);
        h.State.Validate();
        Assert.Contains(resumed.OfType<ComputeOnWorker>(), c => c.Worker == a);
        Assert.NotEmpty(a.Processing);
    }

    [Fact]
    public void TransitionLogRecordsTheStoryOfAKey()
    {
        var h = new SchedulerHarness();
        SchedulerWorker w = h.AddWorker("a");
        h.Submit(new GraphBuilder().Task("x"), "x");
        h.Finish(w, "x");
        Assert.Equal(
            [(SchedulerTaskState.Released, SchedulerTaskState.Queued), (SchedulerTaskState.Queued, SchedulerTaskState.Processing), (SchedulerTaskState.Processing, SchedulerTaskState.Memory)],
            h.State.Log.Story("x").Select(static s => (s.From, s.To)));
        Assert.Equal(h.Time.GetUtcNow(), h.State.LastChange);
    }
}
