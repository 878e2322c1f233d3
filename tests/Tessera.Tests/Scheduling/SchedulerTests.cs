using System.Collections.Concurrent;
using Tessera.Graphs;
using Tessera.Scheduling;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Scheduling;

public class SchedulerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static object?[] Run(IScheduler s, TaskGraph g, params Key[] outputs)
    {
        Task<object?[]> t = s.ComputeAsync(g, outputs);
        Assert.True(t.Wait(Timeout), "computation timed out");
        return t.Result;
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void ComputesResults(string scheduler)
    {
        TaskGraph g = Facets(out Key[] outputs);
        object?[] r = Run(SchedulerCases.Create(scheduler), g, [.. outputs, outputs[0]]);
        Assert.Equal([45L, 45L, 45L, 45L, 45L], r);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public async Task ComputeEach_HandsEachValueOverOnceWithItsPositions(string scheduler)
    {
        TaskGraph g = Facets(out Key[] outputs);
        IScheduler s = SchedulerCases.Create(scheduler);
        var seen = new ConcurrentDictionary<int, object?>();
        int calls = 0;
        await s.ComputeEachAsync(g, [outputs[0], outputs[1], outputs[0]], (at, value) =>
        {
            Interlocked.Increment(ref calls);
            foreach (int p in at)
            {
                Assert.True(seen.TryAdd(p, value), $"position {p} twice");
            }
        }).WaitAsync(Timeout);
        Assert.Equal(2, calls);
        Assert.Equal([45L, 45L, 45L], Enumerable.Range(0, 3).Select(p => seen[p]));

        // Two keys whose value is the same object (an identity task) come once, with both positions, so a caller
        // that lets each value go after placing it never meets it again.
        var box = new object();
        var identity = TaskFunction.Create((object x) => x, "identity");
        TaskGraph same = Graph(TaskSpec.FromValue(K("a"), box), new TaskSpec(K("b"), identity, TaskArg.Ref(K("a"))));
        var handed = new ConcurrentBag<int[]>();
        await s.ComputeEachAsync(same, [K("a"), K("b")], (at, value) =>
        {
            Assert.Same(box, value);
            handed.Add([.. at]);
        }).WaitAsync(Timeout);
        Assert.Equal([0, 1], Assert.Single(handed));
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void ListsAndLiterals_Materialise(string scheduler)
    {
        var concat = TaskFunction.Create((object?[] items, string sep) => string.Join(sep, items), "concat");
        TaskGraph g = Graph(Lit("a", 1), Lit("b", 2), new TaskSpec(K("c"), concat, TaskArg.List(TaskArg.Ref(K("a")), TaskArg.Literal("x"), TaskArg.List(K("b"))), TaskArg.Literal("-")));
        Assert.Equal("1-x-System.Object[]", Run(SchedulerCases.Create(scheduler), g, K("c"))[0]);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void ManyIndependentTasks_AndReduction(string scheduler)
    {
        const int n = 5000;
        var leaves = Enumerable.Range(0, n).Select(i => TaskSpec.FromValue(K("x", i), (long)i));
        var total = new TaskSpec(K("total"), Sum, TaskArg.List(Enumerable.Range(0, n).Select(i => K("x", i))));
        var g = new TaskGraph([new Layer("x", leaves), new Layer("total", [total], ["x"])]);
        Assert.Equal((long)n * (n - 1) / 2, Run(SchedulerCases.Create(scheduler), g, K("total"))[0]);
    }

    [Fact]
    public void SingleThread_RunsInPriorityOrder()
    {
        TaskGraph g0 = Facets(out Key[] outputs);
        var log = new ConcurrentQueue<Key>();
        var layer = new Layer("logged", g0.Layers[0].Tasks.Select(t => new TaskSpec(t.Key, TaskFunction.FromInvoker(t.Function.Name, t.Function.Delegate, a =>
        {
            log.Enqueue(t.Key);
            return t.Function.Invoke(a);
        }), [.. t.Args])));
        var g = new TaskGraph(layer);
        IReadOnlyDictionary<Key, int> order = g.Order(outputs);
        Run(new ThreadedScheduler(1) { Fuse = false }, g, outputs);
        Assert.Equal(order.OrderBy(kv => kv.Value).Select(kv => kv.Key), log);
        log.Clear();
        Run(new SynchronousScheduler { Fuse = false }, g, outputs);
        Assert.Equal(order.OrderBy(kv => kv.Value).Select(kv => kv.Key), log);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void Failure_NamesKey_AndStopsScheduling(string scheduler)
    {
        int after = 0;
        var boom = TaskFunction.Create((long x) => x > 0 ? throw new InvalidOperationException("kaboom") : x, "boom");
        var count = TaskFunction.Create((long x) => Interlocked.Increment(ref after), "count");
        var tasks = new List<TaskSpec> { Lit("a", 1), new(K("bad", 2, 5), boom, TaskArg.Ref(K("a"))) };
        for (int i = 0; i < 50; i++)
        {
            tasks.Add(new TaskSpec(K("later", i), count, TaskArg.Ref(K("bad", 2, 5))));
        }

        TaskGraph g = Graph([.. tasks]);
        Task<object?[]> t = SchedulerCases.Create(scheduler).ComputeAsync(g, [.. Enumerable.Range(0, 50).Select(i => K("later", i))]);
        var ex = Assert.Throws<AggregateException>(() => t.Wait(Timeout));
        var failed = Assert.IsType<TaskFailedException>(ex.InnerException);
        Assert.Contains("('bad', 2, 5)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("kaboom", failed.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failed.InnerException);
        Assert.Equal(K("bad", 2, 5), failed.Key);
        Assert.Equal(0, after);
    }

    [Fact]
    public void FailureInsideFusedChain_NamesInnerKey()
    {
        var boom = TaskFunction.Create((long x) => x > 0 ? throw new InvalidOperationException("inner") : x, "boom");
        TaskGraph g = Graph(Lit("a", 1), new TaskSpec(K("b"), boom, TaskArg.Ref(K("a"))), new TaskSpec(K("c"), Inc, TaskArg.Ref(K("b"))));
        var ex = Assert.Throws<TaskFailedException>(() => new SynchronousScheduler().ComputeAsync(g, [K("c")]).GetAwaiter().GetResult());
        Assert.Equal(K("b"), ex.Key);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void Cancellation_StopsPromptly(string scheduler)
    {
        using var cts = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        int ran = 0;
        var step = TaskFunction.Create((long x) =>
        {
            if (Interlocked.Increment(ref ran) == 3)
            {
                started.Set();
                cts.Cancel();
            }

            return x + 1;
        }, "step");
        var tasks = new List<TaskSpec> { Lit("k0", 0) };
        for (int i = 1; i < 1000; i++)
        {
            tasks.Add(new TaskSpec(K($"k{i}"), step, TaskArg.Ref(K($"k{i - 1}"))));
        }

        IScheduler s = SchedulerCases.Create(scheduler) is SynchronousScheduler ? new SynchronousScheduler { Fuse = false } : new ThreadedScheduler(2) { Fuse = false };
        Task<object?[]> t = s.ComputeAsync(Graph([.. tasks]), [K("k999")], cts.Token);
        Assert.True(started.Wait(Timeout));
        var ex = Assert.Throws<AggregateException>(() => t.Wait(Timeout));
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.True(t.IsCanceled);
        Assert.InRange(ran, 3, 4);
    }

    [Fact]
    public void AlreadyCancelled_DoesNotRun()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Task<object?[]> t = new ThreadedScheduler().ComputeAsync(Graph(Lit("a", 1)), [K("a")], cts.Token);
        Assert.True(t.IsCanceled);
    }

    [Fact]
    public void ValidationErrors_SurfaceFromSchedulers()
    {
        TaskGraph g = Graph(T("a", "missing"));
        var ex = Assert.Throws<GraphValidationException>(() => Scheduler.Compute(g, [K("a")]));
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambient_Default_CanBeSwitched()
    {
        Assert.IsType<ThreadedScheduler>(Scheduler.Default);
        var sync = new SynchronousScheduler();
        using (Scheduler.Use(sync))
        {
            Assert.Same(sync, Scheduler.Default);
            using (Scheduler.Use(new ThreadedScheduler(2)))
            {
                Assert.IsType<ThreadedScheduler>(Scheduler.Default);
            }

            Assert.Same(sync, Scheduler.Default);
            Assert.Equal([1L], Scheduler.Compute(Graph(Lit("a", 1)), [K("a")]));
        }

        Assert.IsType<ThreadedScheduler>(Scheduler.Default);
    }

    [Fact]
    public void EmptyOutputs_ReturnEmpty() => Assert.Empty(Run(new ThreadedScheduler(), Graph(Lit("a", 1))));
}
