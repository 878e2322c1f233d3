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
        Assert.StartsWith("tcp://127.0.0.1:", Client.SchedulerAddress, StringComparison.Ordinal);
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
