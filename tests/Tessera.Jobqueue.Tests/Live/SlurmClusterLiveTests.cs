using System.Globalization;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.Scheduling;

namespace Tessera.Jobqueue.Tests.Live;

[CollectionDefinition("slurm-cluster", DisableParallelization = true)]
public sealed class SlurmClusterCollection;

/// <summary>
/// SlurmCluster against the real SLURM of .ci/slurm/start.sh, with the real worker
/// (<c>WorkerLauncher.DefaultCommandLine()</c>: the nodes are this machine).
/// </summary>
[Trait("Category", "Slurm")]
[Collection("slurm-cluster")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmClusterLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private readonly string root = Path.Combine(Environment.GetEnvironmentVariable("TESSERA_SLURM_LOG_DIR") ?? Path.GetTempPath(), $"tessera-slurm-cluster-{Guid.NewGuid():N}");
    private readonly string jobName = "tt-" + Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource timeout = new(Patience);

    private string Logs => Path.Combine(root, "logs");

    private SlurmClusterOptions Options => new()
    {
        NWorkers = 2,
        Queue = "cpu19_rh8",
        Account = "formation_isae",
        Cores = 1,
        Memory = "1GB",
        Processes = 1,
        Walltime = "00:10:00",
        Interface = "lo",
        LogDirectory = Logs,
        LocalDirectory = Path.Combine(root, "work"),
        JobExtraDirectives = ["--qos=cpu_2019_40"],
        JobName = jobName,
        PendingTimeout = TimeSpan.FromSeconds(60),
        StatusInterval = TimeSpan.FromMilliseconds(250),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // whatever a failing test left: cancel by our unique job name
        await new CommandRunner().RunAsync(["scancel", "-n", jobName], null, TimeSpan.FromSeconds(30), CancellationToken.None);
        timeout.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [SkippableFact]
    public async Task TwoJobs_WorkersJoin_ReferenceJobIsRight_AndCloseLeavesNothingInSqueue()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var cluster = new SlurmCluster(Options);
        Assert.Contains("tls://127.0.0.1:<port>", cluster.JobScript(), StringComparison.Ordinal);
        string credentials = cluster.CredentialDirectory!;
        Assert.Contains($" --tls-ca-file {Path.Combine(credentials, "ca.pem")} --tls-cert {Path.Combine(credentials, "worker.pem")} --tls-key {Path.Combine(credentials, "worker.key")}", cluster.JobScript(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(credentials));
        await using (cluster)
        {
            await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
            Assert.Equal(2, cluster.Workers.Count);
            Assert.Equal([$"{jobName}-0", $"{jobName}-1"], cluster.Workers.Select(static w => w.Name).Order(StringComparer.Ordinal));
            Assert.Matches(@"^SlurmCluster\('tls://127\.0\.0\.1:\d+', jobs=2 \(running 2, pending 0\), workers=2, threads=2, memory=2GB\)$", cluster.ToString());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(credentials));
            string script = cluster.JobScript();
            Assert.Contains($"#SBATCH -J {jobName}", script, StringComparison.Ordinal);
            Assert.Contains(" worker " + cluster.SchedulerAddress + " --nthreads 1 --nworkers 1", script, StringComparison.Ordinal);

            const long n = 256;
            var arrays = Enumerable.Range(0, 4).Select(i => DArray.FromDelayed(Delayed.Call(ClusterUserCode.Facet, i, n), shape: [n, n])).ToList();
            var total = DArray.Stack(arrays, axis: 0).Rechunk([1, 64, 64]).Sum(axis: 0);
            using (Scheduler.Use(client))
            {
                using NDArray<long> row = await total[0, ..].ComputeAsync(timeout.Token);
                Assert.Equal([n], row.Shape.ToArray());
                Assert.Equal(6, row.MinAll());
                Assert.Equal(6, row.MaxAll());
            }

            await cluster.CloseAsync();
            Assert.Empty(cluster.Jobs.Jobs);
            Assert.False(Directory.Exists(credentials), "the temporary credentials outlived the cluster");
            await WaitUntilNoJobAsync();
        }
    }

    [SkippableFact]
    public async Task ScancelOfOneJobMidCompute_TheAnswerIsStillRight()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        await using var cluster = new SlurmCluster(Options);
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
        string victim = cluster.Jobs.Jobs.OrderBy(static j => j.JobId, StringComparer.Ordinal).First().JobId;
        var futures = client.Map(ClusterUserCode.Spin, Enumerable.Range(0, 400));
        while (futures.Count(static f => f.Status == FutureStatus.Finished) < 40)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.True(futures.Any(static f => f.Status != FutureStatus.Finished), "the computation ended before scancel");
        (await new CommandRunner().RunAsync(["scancel", victim], null, TimeSpan.FromSeconds(30), timeout.Token)).EnsureSuccess();
        long[] values = await client.GatherAsync(futures, timeout.Token);
        Assert.Equal(Enumerable.Range(0, 400).Select(static i => (long)i * i), values);
        Assert.DoesNotContain(cluster.Jobs.Jobs, j => j.JobId == victim);
        await cluster.CloseAsync();
        await WaitUntilNoJobAsync();
    }

    [SkippableFact]
    public async Task AJobsWorkerKilledUnderAdapt_ItsResultsAreRecomputed_AndTheJobIsReplaced()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        // A plain scancel sends SIGTERM, on which the worker retires and hands its results over (nothing is lost:
        // ScancelOfOneJobMidCompute), and `scancel --signal=KILL --full` here only kills the batch shell, after which
        // SLURM's cleanup SIGTERMs the worker likewise. So the job's worker process is SIGKILLed (as the OOM killer or
        // a node failure would): the results it held must be recomputed (a second marker file) and Adapt must replace
        // the job, which ends with its worker.
        string marks = Path.Combine(root, "marks");
        Directory.CreateDirectory(marks);
        await using var cluster = new SlurmCluster(Options) { AdaptInterval = TimeSpan.FromMilliseconds(300) };
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
        cluster.Adapt(minimumJobs: 2, maximumJobs: 2);
        string[] first = [.. cluster.Jobs.Jobs.Select(static j => j.JobId)];
        var held = client.Map(ClusterUserCode.Mark, Enumerable.Range(0, 200).Select(i => Path.Combine(marks, i.ToString(CultureInfo.InvariantCulture))));
        foreach (var f in held)
        {
            await f.WaitAsync(timeout.Token);
        }

        Assert.Equal(2, cluster.Workers.Count);
        var victim = cluster.Workers.OrderBy(static w => w.Name, StringComparer.Ordinal).First();
        using (var process = System.Diagnostics.Process.GetProcessById(victim.Pid))
        {
            process.Kill();
        }

        // Work goes on meanwhile, and the held results all come back right.
        var spins = client.Map(ClusterUserCode.Spin, Enumerable.Range(0, 200));
        Assert.Equal(Enumerable.Range(0, 200).Select(static i => (long)i * i), await client.GatherAsync(spins, timeout.Token));
        Assert.Equal(Enumerable.Range(0, 200).Select(static i => (long)i * i), await client.GatherAsync(held, timeout.Token));

        // The victim held results: they were recomputed, and only those.
        var runs = Directory.GetFiles(marks, "*.run").Select(static f => Path.GetFileName(f).Split('.')[0]).GroupBy(static i => i).ToList();
        Assert.Equal(200, runs.Count);
        int recomputed = runs.Count(static r => r.Count() > 1);
        string events = string.Join("; ", client.WorkerEvents.Select(static e => $"{e.Name} {e.Reason} expected={e.Expected}"));
        Assert.True(recomputed > 0, "no result of the killed worker was recomputed: it held none, or they survived it. Worker events: " + events);
        Assert.True(recomputed < 200, "every result was recomputed, not only the killed worker's");
        Assert.Contains(client.WorkerEvents, e => !e.Expected && e.Name == victim.Name);

        // Adapt replaced the job that ended with its worker.
        while (!(cluster.Jobs.Jobs.Any(j => !first.Contains(j.JobId)) && cluster.Workers.Count == 2))
        {
            await Task.Delay(100, timeout.Token);
        }

        await cluster.StopAdaptAsync();
        await cluster.CloseAsync();
        await WaitUntilNoJobAsync();
    }

    [SkippableFact]
    public async Task ShortLifetime_AWorkerLeavesMidCompute_AndTheComputationCompletes()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        // A worker whose lifetime ends retires: its only results are copied to a worker that stays, then
        // it closes. So only jobs with an even id get a 3 s lifetime (the shell expands $LIFE on the
        // node); the others stay to receive them. No walltime, so no walltime-derived lifetime.
        var options = Options with
        {
            Walltime = null,
            JobScriptPrologue = ["if [ $((SLURM_JOB_ID % 2)) -eq 0 ]; then LIFE=3s; else LIFE=600s; fi"],
            WorkerExtraArgs = ["--lifetime", "$LIFE"],
        };
        await using var cluster = new SlurmCluster(options);
        Assert.Contains("--lifetime \"$LIFE\"", cluster.JobScript(), StringComparison.Ordinal);
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
        var futures = client.Map(ClusterUserCode.Spin, Enumerable.Range(0, 500));
        long[] values = await client.GatherAsync(futures, timeout.Token);
        Assert.Equal(Enumerable.Range(0, 500).Select(static i => (long)i * i), values);
        string logs = string.Join("\n", Directory.GetFiles(Logs, "*.out").Select(File.ReadAllText));
        Assert.Contains(": retired", logs, StringComparison.Ordinal);
        await cluster.CloseAsync();
        await WaitUntilNoJobAsync();
    }

    [SkippableFact]
    public async Task UnderAOneMinuteWalltime_JobsAreReplacedBeforeTheirWorkersRetire_AndNoResultIsRecomputed()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        // Walltime 1 min: workers live 45 s (plus up to 5 s of stagger) and a job is leaving, so replaced,
        // 30 s after it was first seen running. Results held by futures live on the first jobs' workers only;
        // they must be handed to the replacements when those retire, not recomputed (one marker file per run).
        string marks = Path.Combine(root, "marks");
        Directory.CreateDirectory(marks);
        await using var cluster = new SlurmCluster(Options with { Walltime = "00:01:00" });
        Assert.Contains("#SBATCH -t 00:01:00", cluster.JobScript(), StringComparison.Ordinal);
        Assert.Contains("--lifetime 45s --lifetime-stagger 5s", cluster.JobScript(), StringComparison.Ordinal);
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
        string[] first = [.. cluster.Jobs.Jobs.Select(static j => j.JobId)];
        Assert.Equal(2, first.Length);
        var held = client.Map(ClusterUserCode.Mark, Enumerable.Range(0, 200).Select(i => Path.Combine(marks, i.ToString(CultureInfo.InvariantCulture))));
        foreach (var f in held)
        {
            await f.WaitAsync(timeout.Token);
        }

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watcher = Task.Run(() => WatchJobsAsync(cluster, first, watching.Token), CancellationToken.None);

        // Work on, batch after batch, until the first jobs have ended (their workers retired mid-batch).
        for (int batch = 0; first.Any(id => cluster.Jobs.Jobs.Any(j => j.JobId == id)); batch++)
        {
            var spins = client.Map(ClusterUserCode.Spin, Enumerable.Range(batch * 100, 100));
            Assert.Equal(Enumerable.Range(batch * 100, 100).Select(static i => (long)i * i), await client.GatherAsync(spins, timeout.Token));
        }

        await watching.CancelAsync();
        JobWatch watch = await watcher;

        Assert.Equal(Enumerable.Range(0, 200).Select(static i => (long)i * i), await client.GatherAsync(held, timeout.Token));
        var runs = Directory.GetFiles(marks, "*.run").Select(static f => Path.GetFileName(f).Split('.')[0]).GroupBy(static i => i).ToList();
        Assert.Equal(200, runs.Count);
        Assert.All(runs, static r => Assert.True(r.Count() == 1, $"task {r.Key} ran {r.Count()} times"));
        foreach (string id in first)
        {
            Assert.Contains(": retired", File.ReadAllText(Path.Combine(Logs, $"{jobName}-{id}.out")), StringComparison.Ordinal);
        }

        // Both replacements were submitted before either first job ended, and nothing more when those ended.
        Assert.Equal(2, watch.MostLeaving);
        Assert.InRange(watch.MostJobs, 2, 4);
        Assert.Equal(2, watch.ReplacementsWhenFirstEnded.Count);
        DateTimeOffset firstEnded = watch.FirstEnded!.Value;
        Assert.All(watch.ReplacementsWhenFirstEnded, j => Assert.True(j.SubmittedAt < firstEnded, $"job {j.JobId} was submitted at {j.SubmittedAt:O}, after a first job ended at {firstEnded:O}"));
        if (watch.ReplacementsWhenAllEnded is { } replacements)
        {
            Assert.Equal(2, replacements);
        }

        await cluster.CloseAsync();
        Assert.Empty(cluster.Jobs.Jobs);
        await WaitUntilNoJobAsync();
    }

    [SkippableFact]
    public async Task Adapt_ScalesUpOnQueuedWork_AndBackDownWhenIdle()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        await using var cluster = new SlurmCluster(Options with { NWorkers = 0 }) { AdaptInterval = TimeSpan.FromMilliseconds(300) };
        await using var client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
        Assert.Equal(0, cluster.JobCount);
        cluster.Adapt(minimumJobs: 0, maximumJobs: 2);
        var futures = client.Map(ClusterUserCode.Spin, Enumerable.Range(0, 300));
        Task<long[]> gather = client.GatherAsync(futures, timeout.Token);
        int mostJobs = 0, mostWorkers = 0;
        while (!gather.IsCompleted)
        {
            (mostJobs, mostWorkers) = (Math.Max(mostJobs, cluster.JobCount), Math.Max(mostWorkers, cluster.Workers.Count));
            await Task.Delay(50, timeout.Token);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(static i => (long)i * i), await gather);
        Assert.Equal(2, mostJobs);
        Assert.InRange(mostWorkers, 1, 2);
        while (cluster.JobCount > 0)
        {
            await Task.Delay(100, timeout.Token);
        }

        await WaitUntilNoJobAsync();
        Assert.Null(cluster.LastAdaptError);
    }

    [SkippableFact]
    public async Task SbatchRejection_SurfacesWithTheCommandAndSlurmsError()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        await using var cluster = new SlurmCluster(Options with { Queue = "nope" });
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => cluster.StartAsync(timeout.Token));
        Assert.Equal("sbatch --parsable", error.CommandLine);
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("Invalid partition name specified", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Jobs.Jobs);
    }

    [SkippableFact]
    public async Task JobThatStaysPending_IsReportedWithItsIdAndLogs_AndCancelled()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var options = Options with { NWorkers = 1, JobExtraDirectives = ["--begin=now+3600"], PendingTimeout = TimeSpan.FromSeconds(2) };
        await using var cluster = new SlurmCluster(options);
        await cluster.StartAsync(timeout.Token);
        string id = cluster.Jobs.Jobs.Single().JobId;
        Assert.Matches(@"jobs=1 \(running 0, pending 1\), workers=0", cluster.ToString());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.WaitForWorkersAsync(timeout.Token));
        Assert.Contains($"Job {id} ({jobName}-0) is still PENDING after", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Logs, $"{jobName}-{id}.out"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Logs, $"{jobName}-{id}.err"), error.Message, StringComparison.Ordinal);
        await WaitUntilNoJobAsync();
    }

    /// <summary>Samples the cluster's jobs every 100 ms: the most jobs and leaving jobs at once, and the replacements there when the first jobs ended.</summary>
    private static async Task<JobWatch> WatchJobsAsync(SlurmCluster cluster, string[] first, CancellationToken ct)
    {
        var watch = new JobWatch();
        var submitted = new Dictionary<string, JobHandle>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyCollection<JobHandle> jobs = cluster.Jobs.Jobs;
            foreach (JobHandle j in jobs)
            {
                submitted.TryAdd(j.JobId, j);
            }

            watch.MostJobs = Math.Max(watch.MostJobs, cluster.JobCount);
            watch.MostLeaving = Math.Max(watch.MostLeaving, cluster.LeavingJobs);
            int firstLeft = first.Count(id => jobs.Any(j => j.JobId == id));
            List<JobHandle> others = [.. submitted.Values.Where(j => !first.Contains(j.JobId))];
            if (firstLeft < first.Length && watch.FirstEnded is null)
            {
                watch.FirstEnded = DateTimeOffset.UtcNow;
                watch.ReplacementsWhenFirstEnded = others;
            }

            // A second generation starts only once a replacement is itself leaving: then the count says nothing.
            if (firstLeft == 0 && watch.ReplacementsWhenAllEnded is null && cluster.LeavingJobs == 0)
            {
                watch.ReplacementsWhenAllEnded = others.Count;
            }

            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return watch;
    }

    private async Task WaitUntilNoJobAsync()
    {
        while (true)
        {
            var result = await new CommandRunner().RunAsync(["squeue", "-h", "-o", "%i %T", "-n", jobName], null, TimeSpan.FromSeconds(30), CancellationToken.None);
            if (result.StandardOutput.Trim().Length == 0)
            {
                return;
            }

            Assert.False(timeout.IsCancellationRequested, $"jobs named {jobName} are still in squeue: {result.StandardOutput.Trim()}");
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
