using System.Diagnostics;

namespace Tessera.Distributed.Tests.Integration;

[Collection("cluster")]
public sealed class LocalClusterTests
{
    private static CancellationToken Ct() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [Fact]
    public async Task ScaleStartsAndStopsWorkerProcesses()
    {
        await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 1, ThreadsPerWorker = 1, MemoryLimit = "1GiB" });
        await cluster.WaitForWorkersAsync(Ct());
        Assert.Single(cluster.Workers);
        await cluster.ScaleAsync(3, Ct());
        Assert.Equal(3, cluster.Workers.Count);
        Assert.Equal(3, cluster.Workers.Select(static w => w.Pid).Distinct().Count());
        int[] pids = cluster.Workers.Select(static w => w.Pid).ToArray();
        await cluster.ScaleAsync(1, Ct());
        Assert.Single(cluster.Workers);
        Assert.Equal(2, pids.Count(static p => !IsAlive(p)));
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, Ct());
        using Future<int> f = client.Submit(UserFunctions.Inc, 1);
        Assert.Equal(2, await f.ResultAsync(Ct()));
    }

    [Fact]
    public async Task DisposingStopsEveryWorkerProcessEvenWhenTheProgramThrows()
    {
        int[] pids = [];
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 2, ThreadsPerWorker = 1, MemoryLimit = "1GiB" });
            await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, Ct());
            pids = cluster.Workers.Select(static w => w.Pid).ToArray();
            throw new InvalidOperationException("user code failed");
        });
        Assert.Equal("user code failed", e.Message);
        Assert.Equal(2, pids.Length);
        Assert.All(pids, p => Assert.False(IsAlive(p), $"worker process {p} is still running"));
    }

    [Fact]
    public async Task DefaultsFollowDask()
    {
        await using var cluster = new LocalCluster();
        int cores = Environment.ProcessorCount;
        Assert.Equal(cores <= 4 ? cores : (int)Math.Ceiling(Math.Sqrt(cores)), cluster.RequestedWorkers);
        Assert.Equal(Math.Max(1, cores / cluster.RequestedWorkers), cluster.ThreadsPerWorker);
        Assert.InRange(cluster.MemoryLimitPerWorker, 1, long.MaxValue);
        Assert.Contains("not started", cluster.ToString(), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => new LocalCluster(new LocalClusterOptions { MemoryLimit = "lots" }));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
