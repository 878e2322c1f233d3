using System.Collections.Concurrent;
using System.Globalization;
using Tessera.Jobqueue.Tests.Jobs;

namespace Tessera.Jobqueue.Tests.Clusters;

/// <summary>
/// Jobs under a walltime are replaced before their workers retire: a fake sbatch/squeue/scancel and a fake
/// clock (squeue says RUNNING until a job is marked ended); no SLURM needed, no worker ever joins.
/// </summary>
public sealed class JobReplacementTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly ObservedTimeProvider time = new();
    private readonly ConcurrentDictionary<string, bool> ended = new(StringComparer.Ordinal);
    private readonly FakeCommandRunner runner;
    private int nextId = 100;

    public JobReplacementTests() => runner = new((args, _) => args[0] switch
    {
        "sbatch" => (0, Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture) + "\n", ""),
        "squeue" => (0, ended.ContainsKey(args[^1]) ? "" : "RUNNING\n", ""),
        _ => (0, "", ""),
    });

    // Walltime 1 min: lifetime 45 s (margin 15 s), so a job is leaving 45 - 15 = 30 s after it was first seen running.
    private static SlurmClusterOptions Options => new()
    {
        NWorkers = 2,
        Cores = 1,
        Interface = "lo",
        Walltime = "00:01:00",
        StatusInterval = Poll,
        WorkerCommand = "tessera worker",
    };

    [Fact]
    public async Task AJobWhoseWorkersRetireSoon_IsReplacedBeforeItEnds_NotCancelled_AndNotReplacedAgainWhenItEnds()
    {
        await using var cluster = new SlurmCluster(Options, runner, time);
        await cluster.StartAsync();
        await WaitForAsync(() => time.Waiting == 2);
        Assert.Equal(2, cluster.RunningJobs);

        time.Advance(TimeSpan.FromSeconds(29));
        await WaitForAsync(() => time.Created == 4);
        Assert.Equal(0, cluster.LeavingJobs);
        Assert.Equal(2, Count("sbatch"));

        time.Advance(Poll);
        await WaitForAsync(() => Count("sbatch") == 4 && time.Waiting == 4);
        Assert.Equal(2, cluster.LeavingJobs);
        Assert.Equal(4, cluster.JobCount);
        Assert.Equal(2, cluster.RequestedWorkers);
        Assert.Equal(0, Count("scancel"));
        string[] scripts = [.. runner.Calls.Where(static c => c.CommandLine.StartsWith("sbatch", StringComparison.Ordinal)).Select(static c => c.Input!)];
        Assert.Contains("--name tessera-worker-2 ", scripts[2], StringComparison.Ordinal);
        Assert.Contains("--name tessera-worker-3 ", scripts[3], StringComparison.Ordinal);

        // The leaving jobs end on their own (their workers retired): nothing is submitted for them.
        ended["101"] = ended["102"] = true;
        time.Advance(Poll);
        await WaitForAsync(() => cluster.JobCount == 2);
        await cluster.ReconcileNowAsync();
        Assert.Equal(4, Count("sbatch"));
        Assert.Equal(0, cluster.LeavingJobs);
        Assert.Equal(["103", "104"], cluster.Jobs.Jobs.Select(static j => j.JobId).Order(StringComparer.Ordinal));
        Assert.Equal(0, Count("scancel"));

        await cluster.CloseAsync();
        Assert.Empty(cluster.Jobs.Jobs);
        Assert.Equal(["scancel 103", "scancel 104"], runner.Calls.Select(static c => c.CommandLine).Where(static c => c.StartsWith("scancel", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Close_CancelsLeavingJobsToo()
    {
        await using var cluster = new SlurmCluster(Options with { NWorkers = 1 }, runner, time);
        await cluster.StartAsync();
        await WaitForAsync(() => time.Waiting == 1);
        time.Advance(TimeSpan.FromSeconds(30));
        await WaitForAsync(() => Count("sbatch") == 2);
        Assert.Equal(1, cluster.LeavingJobs);

        await cluster.CloseAsync();
        Assert.Empty(cluster.Jobs.Jobs);
        string cancels = string.Join(" ", runner.Calls.Where(static c => c.CommandLine.StartsWith("scancel", StringComparison.Ordinal)).Select(static c => c.CommandLine));
        Assert.Contains("101", cancels, StringComparison.Ordinal);
        Assert.Contains("102", cancels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeIsCountedFromWhenTheJobIsFirstSeenRunning_NotFromSubmission()
    {
        bool pending = true;
        var queue = new FakeCommandRunner((args, _) => args[0] switch
        {
            "sbatch" => (0, Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture) + "\n", ""),
            "squeue" => (0, Volatile.Read(ref pending) ? "PENDING\n" : "RUNNING\n", ""),
            _ => (0, "", ""),
        });
        await using var cluster = new SlurmCluster(Options with { NWorkers = 1 }, queue, time);
        await cluster.StartAsync();
        await WaitForAsync(() => time.Waiting == 1);
        Assert.Equal(1, cluster.PendingJobs);

        // 40 s in the queue, then seen running: leaving 30 s after that, not before.
        Volatile.Write(ref pending, false);
        time.Advance(TimeSpan.FromSeconds(40));
        await WaitForAsync(() => time.Created == 2);
        Assert.Equal(1, cluster.RunningJobs);
        time.Advance(TimeSpan.FromSeconds(29));
        await WaitForAsync(() => time.Created == 3);
        Assert.Equal(0, cluster.LeavingJobs);

        time.Advance(Poll);
        await WaitForAsync(() => cluster.LeavingJobs == 1 && queue.Calls.Count(static c => c.CommandLine.StartsWith("sbatch", StringComparison.Ordinal)) == 2);
    }

    [Fact]
    public async Task WithoutAWalltime_NoJobIsEverLeaving()
    {
        await using var cluster = new SlurmCluster(Options with { Walltime = null }, runner, time);
        await cluster.StartAsync();
        await WaitForAsync(() => time.Waiting == 2);
        time.Advance(TimeSpan.FromDays(1));
        await WaitForAsync(() => time.Created == 4);
        await cluster.ReconcileNowAsync();
        Assert.Equal(0, cluster.LeavingJobs);
        Assert.Equal(2, Count("sbatch"));
    }

    private int Count(string command) => runner.Calls.Count(c => c.CommandLine.StartsWith(command, StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
