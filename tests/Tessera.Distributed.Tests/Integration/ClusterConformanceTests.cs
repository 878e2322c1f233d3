using Tessera.Arrays;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Integration;

/// <summary>The same tests against process workers and in-process workers.</summary>
public abstract class ClusterConformanceTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected Client Client => fixture.Client;

    private static CancellationToken Ct() => new CancellationTokenSource(Timeout).Token;

    [Fact]
    public async Task ClusterAndClientDescribeThemselves()
    {
        Assert.Equal(2, fixture.Cluster.Workers.Count);
        Assert.StartsWith("tls://127.0.0.1:", Client.SchedulerAddress, StringComparison.Ordinal);
        Assert.Contains("workers=2, threads=2", fixture.Cluster.ToString(), StringComparison.Ordinal);
        Assert.Contains("processes=2 threads=2", Client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DelayedGraphRunsOnTheCluster()
    {
        var parts = Enumerable.Range(0, 50).Select(i => Delayed.Call(UserFunctions.Inc, i)).ToList();
        var total = Delayed.Call(static (int[] xs) => xs.Sum(), Delayed.Collect(parts));
        object?[] r = await Client.ComputeAsync(total.Graph, [total.Key], Ct());
        Assert.Equal(Enumerable.Range(1, 50).Sum(), r[0]);
    }

    [Fact]
    public async Task ComputeEachHandsEveryValueOverOnceWithAllItsPositions()
    {
        var two = Delayed.Call(UserFunctions.Inc, 1);
        var three = Delayed.Call(UserFunctions.Inc, 2);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, object?>();
        int calls = 0;
        await Client.ComputeEachAsync(
            Delayed.BuildGraph([two, three]),
            [two.Key, three.Key, two.Key],
            (at, value) =>
            {
                Interlocked.Increment(ref calls);
                foreach (int p in at)
                {
                    Assert.True(seen.TryAdd(p, value), $"position {p} twice");
                }
            },
            Ct());
        Assert.Equal(2, calls);
        Assert.Equal([2, 3, 2], Enumerable.Range(0, 3).Select(p => (int)seen[p]!));

        // A failing key fails the call only once every other delivery has ended: the good value has been handed over.
        var fine = Delayed.Call(UserFunctions.Boom, 1);
        var bad = Delayed.Call(UserFunctions.Boom, 3);
        var after = new List<int>();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Client.ComputeEachAsync(
            Delayed.BuildGraph([fine, bad]), [fine.Key, bad.Key], (at, value) => { lock (after) { after.Add((int)value!); } }, Ct()));
        Assert.Contains("boom at 3", e.Message, StringComparison.Ordinal);
        lock (after)
        {
            Assert.Equal([1], after);
        }
    }

    [Fact]
    public async Task ReferenceJobMatchesTheLocalScheduler()
    {
        const long n = 256;
        var arrays = Enumerable.Range(0, 4).Select(i => DArray.FromDelayed(Delayed.Call(UserFunctions.Facet, i, n), shape: [n, n])).ToList();
        var total = DArray.Stack(arrays, axis: 0).Rechunk([1, 64, 64]).Sum(axis: 0);
        NDArray<long> row;
        using (Scheduler.Use(Client))
        {
            row = await total[0, ..].ComputeAsync(Ct());
        }

        Assert.Equal([n], row.Shape.ToArray());
        Assert.Equal(6, row.MinAll());
        Assert.Equal(6, row.MaxAll());
        NDArray<long> full;
        using (Scheduler.Use(Client))
        {
            full = await total.ComputeAsync(Ct());
        }

        using var local = await total.ComputeAsync(Ct());
        Assert.True(NDArray.ArrayEqual(local, full));
    }

    [Fact]
    public async Task FuturesSubmitMapGatherScatter()
    {
        using Future<int> one = Client.Submit(UserFunctions.Inc, 41);
        Assert.Equal(42, await one);
        Assert.Equal(FutureStatus.Finished, one.Status);

        IReadOnlyList<Future<int>> many = Client.Map(UserFunctions.Inc, Enumerable.Range(0, 20));
        int[] values = await Client.GatherAsync(many, Ct());
        Assert.Equal(Enumerable.Range(1, 20), values);
        var seen = new List<int>();
        await foreach (Future<int> f in Client.AsCompleted(many, Ct()))
        {
            seen.Add(await f.ResultAsync(Ct()));
        }

        Assert.Equal(Enumerable.Range(1, 20), seen.Order());
        foreach (Future<int> f in many)
        {
            f.Dispose();
        }

        using Future<NDArray<long>> data = Client.Scatter(NDArray.Arange<long>(1000));
        using NDArray<long> back = await data.ResultAsync(Ct());
        Assert.Equal(999, back[999]);
    }

    [Fact]
    public async Task PersistedArrayStaysOnTheClusterAndLaterComputesStartFromIt()
    {
        using NDArray<long> dense = NDArray.Arange<long>(60 * 40).Reshape(60, 40);
        var x = DArray.FromArray(dense, chunks: new long[] { 17, 13 }) * 3;
        DArray<long> persisted;
        using (Scheduler.Use(Client))
        {
            var state = fixture.Cluster.Scheduler!.Core;
            HashSet<string> before = Wanted(state);
            persisted = await x.PersistAsync(Ct());
            string[] keys = [.. Wanted(state).Except(before)];
            Assert.Equal(4 * 4, keys.Length);
            Assert.All(keys, k => Assert.Equal(Tessera.Distributed.State.SchedulerTaskState.Memory, state.Read(s => s.GetTask(k)!.State)));

            // Two later computations start from the persisted blocks: none of them runs again.
            using NDArray<long> sum = await (persisted + 1).Sum(axis: 0).ComputeAsync(Ct());
            using NDArray<long> slice = await persisted[5..50, 3..29].ComputeAsync(Ct());
            using NDArray<long> expected = (dense * 3 + 1).Sum(axis: 0);
            Assert.True(NDArray.ArrayEqual(expected, sum));
            using NDArray<long> expectedSlice = (dense * 3)[5..50, 3..29].Copy();
            Assert.True(NDArray.ArrayEqual(expectedSlice, slice));
            Assert.All(keys, k => Assert.Single(state.Read(s => s.Log.Story(k).Where(static t => t.To == Tessera.Distributed.State.SchedulerTaskState.Memory).ToList())));
        }

        // Outside the client the persisted array cannot be computed: the message says where its blocks are.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => persisted.ComputeAsync(Ct()));
        Assert.Contains("lives on a cluster", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistedDelayedAndFuturesAsArgumentsRunWhereTheirValuesAre()
    {
        using Future<long> a = Client.Submit(UserFunctions.Add, 40L, 2L);
        using Future<long> b = Client.Submit(static (long x) => x * 10, a);
        using Future<long> c = Client.Submit(UserFunctions.Add, a, b);
        using Future<long> d = Client.Submit(UserFunctions.Add, a, 1L);
        using Future<long> e = Client.Submit(UserFunctions.Add, 1L, b);
        long[] got = [await b, await c, await d, await e];
        Assert.Equal(new long[] { 420, 462, 43, 421 }, got);
        IReadOnlyList<Future<long>> squares = Client.Map(static (long x) => x * x, new[] { a, b });
        long[] sq = await Client.GatherAsync(squares, Ct());
        Assert.Equal(new long[] { 42 * 42, 420 * 420 }, sq);

        // A delayed graph built on a future, computed by the client.
        var later = Delayed.Call(UserFunctions.Add, a.AsDelayed(), Delayed.Call(UserFunctions.Add, 1L, 1L));
        using Future<long> f = Client.Compute(later);
        Assert.Equal(44L, await f);

        Delayed<long> persisted;
        using (Scheduler.Use(Client))
        {
            persisted = await Delayed.Call(UserFunctions.Add, 5L, 6L).PersistAsync(Ct());
            Assert.Equal(22L, await Delayed.Call(UserFunctions.Add, persisted, persisted).ComputeAsync(Ct()));
        }

        // A released future can no longer be built on, and says so before anything is sent.
        Future<long> gone = Client.Submit(UserFunctions.Add, 1L, 1L);
        Delayed<long> onGone = gone.AsDelayed();
        gone.Dispose();
        var refused = Assert.Throws<InvalidOperationException>(() => Client.Compute(Delayed.Call(static (long x) => x, onGone)));
        Assert.Contains("does not hold it", refused.Message, StringComparison.Ordinal);
        foreach (Future<long> s in squares)
        {
            s.Dispose();
        }
    }

    private static HashSet<string> Wanted(Hosting.SchedulerCore core) =>
        core.Read(static s => s.Tasks.Values.Where(static t => t.WhoWants.Count > 0).Select(static t => t.Key).ToHashSet(StringComparer.Ordinal));

    [Fact]
    public async Task ClosuresThisGenericsAndUserTypesShip()
    {
        long offset = 100;
        using Future<long> closure = Client.Submit((long x) => x + offset, 5L);
        Assert.Equal(105, await closure);

        var scaler = new Scaler(3);
        using Future<long> viaThis = Client.Submit(scaler.Apply, 7L);
        Assert.Equal(21, await viaThis);
        using Future<long> nested = Client.Submit(scaler.AsLambda(), 8L);
        Assert.Equal(24, await nested);

        using Future<double> generic = Client.Submit(UserFunctions.Twice<double>, 1.25);
        Assert.Equal(2.5, await generic);

        using Future<double> record = Client.Submit(static (Point p) => p.Norm(), new Point(3, 4));
        Assert.Equal(5.0, await record);
        using Future<Point> back = Client.Submit(static (double x) => new Point(x, -x), 2.0);
        Assert.Equal(new Point(2, -2), await back);
    }

    [Fact]
    public async Task RemoteExceptionsComeBackAndTheClusterStaysUsable()
    {
        using Future<int> bad = Client.Submit(UserFunctions.Boom, 3);
        RemoteTaskException e = await Assert.ThrowsAsync<RemoteTaskException>(() => bad.ResultAsync(Ct()));
        Assert.Equal("System.InvalidOperationException", e.RemoteExceptionType);
        Assert.Contains("boom at 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("UserFunctions.Boom", e.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Contains(e.WorkerName!, fixture.Cluster.Workers.Select(static w => w.Name));
        Assert.Equal(FutureStatus.Error, bad.Status);

        var inputs = Enumerable.Range(0, 5).Select(i => Delayed.Call(UserFunctions.Boom, i)).ToList();
        var sum = Delayed.Call(static (int[] xs) => xs.Sum(), Delayed.Collect(inputs));
        RemoteTaskException downstream = await Assert.ThrowsAsync<RemoteTaskException>(() => Client.ComputeAsync(sum.Graph, [sum.Key], Ct()));
        Assert.NotEqual(downstream.Key, downstream.FailedKey);

        using Future<int> fine = Client.Submit(UserFunctions.Inc, 1);
        Assert.Equal(2, await fine);
    }

    [Fact]
    public void UnshippableCaptureIsRefusedAtSubmit()
    {
        using var stream = new MemoryStream();
        Func<int, int> usesStream = x => x + (int)stream.Length;
        Client client = Client;
        var e = Assert.Throws<UnshippableCaptureException>(() => client.Submit(usesStream, 1));
        Assert.Contains("stream", e.Message, StringComparison.Ordinal);
        Assert.Contains("MemoryStream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultThatCannotBeSentBackFailsClearly()
    {
        using Future<Holder> f = Client.Submit(static () => new Holder(new Thread(static () => { })));
        RemoteTaskException e = await Assert.ThrowsAsync<RemoteTaskException>(() => f.ResultAsync(Ct()));
        Assert.Contains("cannot be sent back", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledFutureEndsCancelledAndOthersGoOn()
    {
        Future<int> f = Client.Submit(UserFunctions.Inc, 1000);
        await f.CancelAsync();
        Assert.Equal(FutureStatus.Cancelled, f.Status);
        await Assert.ThrowsAsync<OperationCanceledException>(() => f.ResultAsync(Ct()));
        using Future<int> g = Client.Submit(UserFunctions.Inc, 2000);
        Assert.Equal(2001, await g);
    }

    [Fact]
    public async Task UnreachableSchedulerFailsFastNamingTheAddress()
    {
        var e = await Assert.ThrowsAsync<SchedulerUnreachableException>(() => Client.ConnectAsync("tcp://127.0.0.1:1", new ClientOptions { ConnectTimeout = TimeSpan.FromSeconds(3), SetAsDefault = false }));
        Assert.Contains("tcp://127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Client.ConnectAsync("not-an-address").GetAwaiter().GetResult());
    }
}

[Collection("cluster")]
public sealed class ProcessClusterTests(ProcessClusterFixture fixture) : ClusterConformanceTests(fixture), IClassFixture<ProcessClusterFixture>;

[Collection("cluster")]
public sealed class InProcessClusterTests(InProcessClusterFixture fixture) : ClusterConformanceTests(fixture), IClassFixture<InProcessClusterFixture>;
