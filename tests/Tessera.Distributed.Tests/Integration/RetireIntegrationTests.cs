using Tessera.Distributed.Hosting;

namespace Tessera.Distributed.Tests.Integration;

[Collection("cluster")]
public sealed class RetireIntegrationTests
{
    private static int s_runs;

    [Fact]
    public async Task RetiredWorkerHandsItsResultsOverAndNothingIsRecomputed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using SchedulerServer scheduler = await SchedulerServer.StartAsync(cancellationToken: timeout.Token);
        await using Worker a = await Worker.StartAsync(new WorkerOptions { SchedulerAddress = scheduler.Address, NThreads = 1, Name = "retire-a" }, timeout.Token);
        await using Worker b = await Worker.StartAsync(new WorkerOptions { SchedulerAddress = scheduler.Address, NThreads = 1, Name = "retire-b" }, timeout.Token);
        await using Client client = await Client.ConnectAsync(scheduler.Address, new ClientOptions { SetAsDefault = false }, timeout.Token);
        Interlocked.Exchange(ref s_runs, 0);
        IReadOnlyList<Future<NDArray<long>>> blocks = client.Map(static (int i) => Make(i), Enumerable.Range(0, 20));
        foreach (Future<NDArray<long>> f in blocks)
        {
            await f.WaitAsync(timeout.Token);
        }

        int onA = scheduler.Core.Read(s => s.Workers.Values.Single(w => w.Name == "retire-a").HasWhat.Count);
        Assert.True(onA > 0, "worker a holds no results; the test needs some there");
        await a.RetireAsync("test", TimeSpan.FromSeconds(30));
        Assert.Equal("retired", a.StopReason);

        NDArray<long>[] values = await client.GatherAsync(blocks, timeout.Token);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(i, values[i][0]);
            values[i].Dispose();
        }

        Assert.Equal(20, Volatile.Read(ref s_runs));
        foreach (Future<NDArray<long>> f in blocks)
        {
            f.Dispose();
        }
    }

    private static NDArray<long> Make(int i)
    {
        Interlocked.Increment(ref s_runs);
        return NDArray.Full((long)i, 1024);
    }
}
