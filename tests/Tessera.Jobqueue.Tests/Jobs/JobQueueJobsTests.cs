using Microsoft.Extensions.Time.Testing;

namespace Tessera.Jobqueue.Tests.Jobs;

public class JobQueueJobsTests
{
    private readonly string logs = Path.Combine(Path.GetTempPath(), $"tessera-jobs-{Guid.NewGuid():N}", "logs");

    private SlurmClusterOptions Options => new() { LogDirectory = logs, PendingTimeout = TimeSpan.FromMinutes(5), StatusInterval = TimeSpan.FromSeconds(2) };

    private static FakeCommandRunner Slurm(string state = "RUNNING", int nextId = 41) => new((args, _) => args[0] switch
    {
        "sbatch" => (0, $"{Interlocked.Increment(ref nextId)};ci\n", ""),
        "squeue" => (0, state + "\n", ""),
        _ => (0, "", ""),
    });

    [Fact]
    public async Task Submit_SendsTheScriptOnStdin_ParsesTheId_AndCreatesTheLogDirectory()
    {
        var runner = Slurm();
        await using var jobs = new JobQueueJobs(Options, runner);
        var job = await jobs.SubmitAsync("#!/bin/bash\n");
        Assert.Equal("42", job.JobId);
        Assert.Equal(Path.Combine(logs, "tessera-worker-42.out"), job.OutputLog);
        Assert.Equal(Path.Combine(logs, "tessera-worker-42.err"), job.ErrorLog);
        Assert.True(Directory.Exists(logs));
        Assert.Equal(("sbatch --parsable", "#!/bin/bash\n"), runner.Calls[0]);
        Assert.Equal([job], jobs.Jobs);
    }

    [Fact]
    public async Task Rejection_RaisesTheCommandsError()
    {
        var runner = new FakeCommandRunner((_, _) => (1, "", "sbatch: error: Batch job submission failed: Invalid partition name specified\n"));
        await using var jobs = new JobQueueJobs(Options, runner);
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => jobs.SubmitAsync("#!/bin/bash\n"));
        Assert.Equal("`sbatch --parsable` failed with exit code 1: sbatch: error: Batch job submission failed: Invalid partition name specified", error.Message);
        Assert.Empty(jobs.Jobs);
    }

    [Fact]
    public async Task OutputWithoutAnId_IsAnError()
    {
        await using var jobs = new JobQueueJobs(Options, new FakeCommandRunner((_, _) => (0, "Submitted batch job 12\n", "")));
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => jobs.SubmitAsync("#!/bin/bash\n"));
        Assert.Contains("printed no job id", error.Message, StringComparison.Ordinal);
        Assert.Contains("Submitted batch job 12", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "PENDING\n", "", JobState.Pending)]
    [InlineData(0, "RUNNING\n", "", JobState.Running)]
    [InlineData(0, "COMPLETING\n", "", JobState.Ending)]
    [InlineData(0, "", "", JobState.Ended)]
    [InlineData(1, "", "slurm_load_jobs error: Invalid job id specified\n", JobState.Ended)]
    public async Task Status_ReadsSqueue(int exitCode, string stdout, string stderr, JobState expected)
    {
        var runner = new FakeCommandRunner((args, _) => args[0] == "sbatch" ? (0, "7", "") : (exitCode, stdout, stderr));
        await using var jobs = new JobQueueJobs(Options, runner);
        var job = await jobs.SubmitAsync("x");
        Assert.Equal(expected, await jobs.StatusAsync(job));
        Assert.Equal("squeue -h -o %T -j 7", runner.Calls[^1].CommandLine);
        Assert.Equal(expected == JobState.Ended ? 0 : 1, jobs.Jobs.Count);
    }

    [Fact]
    public async Task StatusError_IsRaised()
    {
        await using var jobs = new JobQueueJobs(Options, new FakeCommandRunner((args, _) => args[0] switch
        {
            "sbatch" => (0, "7", ""),
            "squeue" => (1, "", "squeue: error: Unable to contact slurm controller"),
            _ => (0, "", ""),
        }));
        var job = await jobs.SubmitAsync("x");
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => jobs.StatusAsync(job));
        Assert.Contains("Unable to contact slurm controller", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPendingPastTheTimeout_IsReportedWithItsIdAndLogs()
    {
        var time = new FakeTimeProvider();
        var runner = Slurm("PENDING");
        await using var jobs = new JobQueueJobs(Options, runner, time);
        var job = await jobs.SubmitAsync("x");
        var waiting = jobs.WaitUntilRunningAsync(job);
        int Polls() => runner.Calls.Count(c => c.CommandLine.StartsWith("squeue", StringComparison.Ordinal));
        for (int i = 0, seen = 0; i < 1000 && !waiting.IsCompleted; i++)
        {
            // advance only once the poll loop has queried and is waiting again (under load it can lag behind)
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (Polls() == seen && !waiting.IsCompleted && patience.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(1);
            seen = Polls();
            time.Advance(TimeSpan.FromSeconds(2));
        }
        var error = await Assert.ThrowsAsync<JobNotStartedException>(() => waiting);
        Assert.Equal(job, error.Job);
        Assert.Contains("Job 42 is still pending after 300 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(job.OutputLog!, error.Message, StringComparison.Ordinal);
        Assert.Contains(job.ErrorLog!, error.Message, StringComparison.Ordinal);
        Assert.InRange(runner.Calls.Count(c => c.CommandLine.StartsWith("squeue", StringComparison.Ordinal)), 150, 152);
    }

    [Fact]
    public async Task WaitUntilRunning_ReturnsOnceRunning_AndReportsAJobThatEnded()
    {
        var state = "PENDING";
        var time = new FakeTimeProvider();
        var runner = new FakeCommandRunner((args, _) => args[0] == "sbatch" ? (0, "9", "") : (0, state, ""));
        await using var jobs = new JobQueueJobs(Options, runner, time);
        var job = await jobs.SubmitAsync("x");
        var waiting = jobs.WaitUntilRunningAsync(job);
        Assert.False(waiting.IsCompleted);
        state = "RUNNING";
        time.Advance(TimeSpan.FromSeconds(2));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        state = "";
        var error = await Assert.ThrowsAsync<JobNotStartedException>(() => jobs.WaitUntilRunningAsync(job));
        Assert.Contains("Job 9 ended before it was seen running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAll_CancelsEveryTrackedJobInOneCommand_AndDisposeCancelsTheRest()
    {
        var runner = Slurm();
        var jobs = new JobQueueJobs(Options, runner);
        var a = await jobs.SubmitAsync("x");
        var b = await jobs.SubmitAsync("x");
        var c = await jobs.SubmitAsync("x");
        await jobs.CancelAsync(a);
        Assert.Equal("scancel 42", runner.Calls[^1].CommandLine);
        await jobs.DisposeAsync();
        Assert.Contains(runner.Calls[^1].CommandLine, new[] { "scancel 43 44", "scancel 44 43" });
        Assert.Empty(jobs.Jobs);
        await jobs.DisposeAsync();
        jobs.Dispose();
        Assert.Equal(5, runner.Calls.Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => jobs.SubmitAsync("x"));
        Assert.Contains(b.JobId, runner.Calls[^1].CommandLine, StringComparison.Ordinal);
        Assert.Contains(c.JobId, runner.Calls[^1].CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAJobAlreadyGone_IsNotAnError_ButOtherFailuresAre()
    {
        string stderr = "scancel: error: Kill job error on job id 5: Invalid job id specified";
        var runner = new FakeCommandRunner((args, _) => args[0] == "sbatch" ? (0, "5", "") : (stderr.Length == 0 ? 0 : 1, "", stderr));
        await using var jobs = new JobQueueJobs(Options, runner);
        await jobs.CancelAsync(await jobs.SubmitAsync("x"));
        stderr = "scancel: error: Unable to contact slurm controller";
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(async () => await jobs.CancelAsync(await jobs.SubmitAsync("x")));
        Assert.Contains("scancel 5", error.Message, StringComparison.Ordinal);
        stderr = "";
    }
}
