namespace Tessera.Jobqueue.Tests.Live;

/// <summary>Against the real SLURM started by .ci/slurm/start.sh (partitions debug and cpu19_rh8).</summary>
[Trait("Category", "Slurm")]
public sealed class SlurmLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    // under CI's log directory when it names one; a fresh, missing directory each test (we create it)
    private readonly string logs = Path.Combine(
        Environment.GetEnvironmentVariable("TESSERA_SLURM_LOG_DIR") ?? Path.GetTempPath(), $"tessera-slurm-{Guid.NewGuid():N}", "logs");
    private readonly List<JobQueueJobs> trackers = [];

    // A stand-in worker: prints the arguments it was given and waits to be cancelled. Tests wait for
    // its line before cancelling: a scancel that lands while slurmstepd is still launching the
    // script can miss the child with proctrack/linuxproc (seen: an orphaned sleep), and the bounded
    // sleep caps any such leak.
    private SlurmClusterOptions Options => new()
    {
        Queue = "cpu19_rh8",
        Account = "formation_isae",
        Cores = 1,
        Memory = "1GB",
        Walltime = "00:10:00",
        Interface = "lo",
        LogDirectory = logs,
        LocalDirectory = "$TMPDIR",
        JobExtraDirectives = ["--qos=cpu_2019_40"],
        JobScriptPrologue = ["echo \"prologue on $SLURMD_NODENAME in $SLURM_JOB_PARTITION\""],
        WorkerCommand = "bash -c 'echo \"worker $*\"; exec sleep 300' tessera-worker",
        PendingTimeout = Patience,
        StatusInterval = TimeSpan.FromMilliseconds(200),
    };

    // xunit 2 calls IAsyncLifetime.DisposeAsync on test classes, not IAsyncDisposable's
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var tracker in trackers) await tracker.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(logs)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private JobQueueJobs Track(SlurmClusterOptions options)
    {
        var jobs = new JobQueueJobs(options);
        trackers.Add(jobs);
        return jobs;
    }

    [SkippableFact]
    public async Task RenderedScript_RunsAndLogsInTheLogDirectory_AndCancelAllLeavesNothingInSqueue()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var options = Options;
        var jobs = Track(options);
        var job = await jobs.SubmitAsync(options.Backend.JobScript(options, "tcp://127.0.0.1:8786", jobIndex: 0));
        await jobs.WaitUntilRunningAsync(job);

        string output = await WaitForTextAsync(job.OutputLog!, "worker ");
        Assert.Contains("prologue on node", output, StringComparison.Ordinal);
        Assert.Contains("in cpu19_rh8", output, StringComparison.Ordinal);
        Assert.Matches(@"worker tcp://127\.0\.0\.1:8786 --nthreads 1 --nworkers 1 --memory-limit 1GB --name tessera-worker-0 --local-directory /\S+ --lifetime 450s --lifetime-stagger 50s --death-timeout 60s --interface lo", output);
        Assert.True(File.Exists(job.ErrorLog));
        var account = await new CommandRunner().RunAsync(["squeue", "-h", "-o", "%a %P %C", "-j", job.JobId], null, Patience, CancellationToken.None);
        Assert.Equal("formation_isae cpu19_rh8 1", account.StandardOutput.Trim());

        await jobs.CancelAllAsync();
        Assert.Empty(jobs.Jobs);
        await WaitUntilGoneAsync(job.JobId);
    }

    [SkippableFact]
    public async Task SeveralJobs_RunAtOnceOnTheNodes_AndDisposeCancelsThemAll()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var options = Options with { Queue = null, Account = null, JobExtraDirectives = [] };
        var jobs = Track(options);
        var submitted = new List<JobHandle>();
        for (int i = 0; i < 3; i++) submitted.Add(await jobs.SubmitAsync(options.Backend.JobScript(options, "tcp://127.0.0.1:8786", i)));
        foreach (var job in submitted) await jobs.WaitUntilRunningAsync(job);
        foreach (var job in submitted) Assert.Contains($"--name tessera-worker-{submitted.IndexOf(job)} ", await WaitForTextAsync(job.OutputLog!, "worker "), StringComparison.Ordinal);
        await jobs.DisposeAsync();
        foreach (var job in submitted) await WaitUntilGoneAsync(job.JobId);
    }

    [SkippableFact]
    public async Task UnknownPartition_IsRejectedWithSlurmsError()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var options = Options with { Queue = "nope" };
        var jobs = Track(options);
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => jobs.SubmitAsync(options.Backend.JobScript(options, "tcp://127.0.0.1:8786")));
        Assert.Equal("sbatch --parsable", error.CommandLine);
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("Invalid partition name specified", error.Message, StringComparison.Ordinal);
        Assert.Empty(jobs.Jobs);
    }

    [SkippableFact]
    public async Task ImpossibleMemory_IsRejectedWithSlurmsError()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        var options = Options with { Memory = "100TB" };
        var jobs = Track(options);
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => jobs.SubmitAsync(options.Backend.JobScript(options, "tcp://127.0.0.1:8786")));
        Assert.Contains("Requested node configuration is not available", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task JobThatStaysPending_IsReportedWithItsIdAndLogFiles()
    {
        Skip.If(SlurmAvailability.SkipReason is not null, SlurmAvailability.SkipReason);
        // --begin in an hour: SLURM keeps the job PENDING (reason BeginTime) however idle the nodes are
        var options = Options with { JobExtraDirectives = ["--begin=now+3600"], PendingTimeout = TimeSpan.FromSeconds(2) };
        var jobs = Track(options);
        var job = await jobs.SubmitAsync(options.Backend.JobScript(options, "tcp://127.0.0.1:8786"));
        var error = await Assert.ThrowsAsync<JobNotStartedException>(() => jobs.WaitUntilRunningAsync(job));
        Assert.Contains($"Job {job.JobId} is still pending after 2 s (queue cpu19_rh8)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(logs, $"tessera-worker-{job.JobId}.out"), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(logs, $"tessera-worker-{job.JobId}.err"), error.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Pending, await jobs.StatusAsync(job));
        await jobs.CancelAllAsync();
        await WaitUntilGoneAsync(job.JobId);
    }

    private static async Task<string> WaitForTextAsync(string file, string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            string content = File.Exists(file) ? await File.ReadAllTextAsync(file, timeout.Token) : "";
            if (content.Contains(text, StringComparison.Ordinal)) return content;
            Assert.False(timeout.IsCancellationRequested, $"{file} did not show \"{text}\" within {Patience.TotalSeconds} s; it has: {content}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task WaitUntilGoneAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var result = await new CommandRunner().RunAsync(["squeue", "-h", "-o", "%T", "-j", jobId], null, Patience, CancellationToken.None);
            if (result.StandardOutput.Trim().Length == 0) return;
            Assert.False(timeout.IsCancellationRequested, $"job {jobId} is still in squeue ({result.StandardOutput.Trim()}) {Patience.TotalSeconds} s after scancel");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
