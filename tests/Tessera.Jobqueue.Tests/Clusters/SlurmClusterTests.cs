using Tessera.Distributed.Hosting;
using Tessera.Jobqueue.Tests.Jobs;

namespace Tessera.Jobqueue.Tests.Clusters;

/// <summary>SlurmCluster with a fake sbatch/squeue/scancel: no SLURM needed, no worker ever joins.</summary>
public sealed class SlurmClusterTests
{
    private int nextId = 100;

    private FakeCommandRunner Runner() => new((args, _) => args[0] switch
    {
        "sbatch" => (0, Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", ""),
        "squeue" => (0, "PENDING\n", ""),
        _ => (0, "", ""),
    });

    private static SlurmClusterOptions Options(int jobs = 0, int processes = 1) => new()
    {
        NWorkers = jobs,
        Cores = 2,
        Processes = processes,
        Interface = "lo",
        StatusInterval = TimeSpan.FromMilliseconds(50),
        WorkerCommand = "tessera worker",
    };

    [Fact]
    public async Task BeforeStart_TheScriptHasAPlaceholderAddress_AndToStringSaysNotStarted()
    {
        await using var cluster = new SlurmCluster(Options());
        Assert.Contains("tessera worker 'tls://127.0.0.1:<port>' --nthreads 2", cluster.JobScript(), StringComparison.Ordinal);
        await using var fixedPort = new SlurmCluster(Options() with { SchedulerPort = 8786 });
        Assert.Contains("tessera worker tls://127.0.0.1:8786 ", fixedPort.JobScript(), StringComparison.Ordinal);
        await using var open = new SlurmCluster(Options() with { Security = Tessera.Distributed.Security.None });
        Assert.Contains("tessera worker 'tcp://127.0.0.1:<port>' --nthreads 2", open.JobScript(), StringComparison.Ordinal);
        Assert.DoesNotContain("--tls", open.JobScript(), StringComparison.Ordinal);
        Assert.Equal("SlurmCluster('not started', jobs=0 (running 0, pending 0), workers=0, threads=0, memory=0)", cluster.ToString());
        Assert.Equal(WorkerLauncher.DefaultCommandLine(), new SlurmClusterOptions().WorkerCommand);
    }

    [Fact]
    public async Task Start_SubmitsNWorkersJobs_WithTheBoundAddress_ScaleCountsWholeJobs_AndCloseCancelsThemAll()
    {
        var runner = Runner();
        var cluster = new SlurmCluster(Options(jobs: 2, processes: 2), runner);
        await using (cluster)
        {
            await cluster.StartAsync();
            Assert.Equal(4, cluster.RequestedWorkers);
            Assert.Equal(2, cluster.Jobs.Jobs.Count);
            string[] scripts = [.. runner.Calls.Where(static c => c.CommandLine.StartsWith("sbatch", StringComparison.Ordinal)).Select(static c => c.Input!)];
            Assert.Contains($"tessera worker {cluster.SchedulerAddress} --nthreads 1 --nworkers 2 --memory-limit 1GB --name tessera-worker-0 ", scripts[0], StringComparison.Ordinal);
            Assert.Contains("--name tessera-worker-1 ", scripts[1], StringComparison.Ordinal);
            Assert.Matches(@"^SlurmCluster\('tls://127\.0\.0\.1:\d+', jobs=2 \(running 0, pending 2\), workers=0, threads=0, memory=0\)$", cluster.ToString());

            cluster.Scale(workers: 5);
            await cluster.StartAsync();
            await WaitForAsync(() => cluster.Jobs.Jobs.Count == 3);
            Assert.Equal(5, cluster.RequestedWorkers);
            cluster.Scale(jobs: 1);
            await WaitForAsync(() => cluster.Jobs.Jobs.Count == 1);
            Assert.Equal(2, cluster.RequestedWorkers);
            Assert.Throws<ArgumentException>(() => cluster.Scale(workers: null, jobs: null));

            await cluster.CloseAsync();
            Assert.Empty(cluster.Jobs.Jobs);
        }

        Assert.Equal(3, runner.Calls.Count(static c => c.CommandLine.StartsWith("sbatch", StringComparison.Ordinal)));
        Assert.Contains(runner.Calls, static c => c.CommandLine.StartsWith("scancel ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AJobPendingPastTheTimeout_IsReportedByWaitForWorkers_WithItsIdAndLogs()
    {
        string logs = Path.Combine(Path.GetTempPath(), "tessera-fake-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var cluster = new SlurmCluster(Options(jobs: 1) with { LogDirectory = logs, PendingTimeout = TimeSpan.FromMilliseconds(200) }, Runner());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.WaitForWorkersAsync());
            Assert.Contains("Job 101 (tessera-worker-0) is still PENDING after", error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(logs, "tessera-worker-101.out"), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        }
    }

    [Fact]
    public void UnknownInterface_ListsTheInterfacesThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => new SlurmCluster(Options() with { Interface = "nope0" }));
        Assert.Contains("lo", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition()) await Task.Delay(20, timeout.Token);
    }
}
