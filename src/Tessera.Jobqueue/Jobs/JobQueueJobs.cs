using System.Collections.Concurrent;
using System.Globalization;

namespace Tessera.Jobqueue;

/// <summary>
/// Submits job scripts, tracks the jobs and cancels them: the piece a batch-system cluster uses
/// to start and stop its worker groups, independent of the scheduler. Every job it submitted and
/// has not seen end is cancelled by <see cref="CancelAllAsync"/>, by disposing, and at process exit.
/// </summary>
public sealed class JobQueueJobs : IAsyncDisposable, IDisposable
{
    private readonly JobQueueClusterOptions options;
    private readonly ICommandRunner runner;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, JobHandle> jobs = new(StringComparer.Ordinal);
    private int disposed;

    /// <summary>Creates a tracker for one cluster's jobs.</summary>
    /// <param name="options">The cluster's options: backend, log directory, timeouts and poll interval.</param>
    /// <param name="runner">Runs the commands; default a <see cref="CommandRunner"/>.</param>
    /// <param name="timeProvider">Clock for polling and timeouts; default <see cref="TimeProvider.System"/>.</param>
    public JobQueueJobs(JobQueueClusterOptions options, ICommandRunner? runner = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        this.runner = runner ?? new CommandRunner(time);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The jobs submitted and not yet cancelled or seen ended.</summary>
    public IReadOnlyCollection<JobHandle> Jobs => [.. jobs.Values];

    /// <summary>Submits a job script on the submit command's standard input.</summary>
    /// <param name="script">The script, e.g. from <see cref="JobQueueBackend.JobScript"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the submit command (and kills it).</param>
    /// <returns>The job, with its id and log files.</returns>
    /// <exception cref="JobQueueCommandException">The batch system refused the job (its stderr is in the message) or printed no job id.</exception>
    public async Task<JobHandle> SubmitAsync(string script, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        // SLURM fails a job whose log directory is missing without running it
        if (options.LogDirectory is { } logs) Directory.CreateDirectory(logs);
        var backend = options.Backend;
        var result = (await runner.RunAsync(backend.SubmitCommand, script, options.CommandTimeout, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var match = backend.JobIdPattern.Match(result.StandardOutput.Trim());
        if (!match.Success)
            throw new JobQueueCommandException(result.CommandLine, result.ExitCode, result.StandardError, result.StandardOutput, $"printed no job id matching /{backend.JobIdPattern}/ (output: \"{result.StandardOutput.Trim()}\")");
        string id = match.Groups["id"].Value;
        var (output, error) = backend.LogFiles(options, id);
        var job = new JobHandle(id, output, error, time.GetUtcNow());
        jobs[id] = job;
        return job;
    }

    /// <summary>Asks the batch system where a job is.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops waiting (and kills the status command).</param>
    /// <returns>Its state; <see cref="JobState.Ended"/> once the queue no longer has it.</returns>
    /// <exception cref="JobQueueCommandException">The status command failed for another reason.</exception>
    public async Task<JobState> StatusAsync(JobHandle job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var backend = options.Backend;
        var result = await runner.RunAsync([.. backend.StatusCommand, job.JobId], null, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        var state = backend.ParseState(result) ?? throw new JobQueueCommandException(result.CommandLine, result.ExitCode, result.StandardError, result.StandardOutput);
        if (state == JobState.Ended) jobs.TryRemove(job.JobId, out _);
        return state;
    }

    /// <summary>
    /// Polls the job every <see cref="JobQueueClusterOptions.StatusInterval"/> until it runs.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>When the job is running.</returns>
    /// <exception cref="JobNotStartedException">It is still pending after <see cref="JobQueueClusterOptions.PendingTimeout"/>, or ended without being seen running; the message has its id and log files.</exception>
    public async Task WaitUntilRunningAsync(JobHandle job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var started = time.GetTimestamp();
        while (true)
        {
            switch (await StatusAsync(job, cancellationToken).ConfigureAwait(false))
            {
                case JobState.Running:
                    return;
                case JobState.Ending or JobState.Ended:
                    throw new JobNotStartedException(job, "ended before it was seen running");
            }
            if (time.GetElapsedTime(started) >= options.PendingTimeout)
                throw new JobNotStartedException(job, string.Create(CultureInfo.InvariantCulture, $"is still pending after {options.PendingTimeout.TotalSeconds:0} s (queue {options.Queue ?? "default"})"));
            await Task.Delay(options.StatusInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels one job; a job already gone is not an error.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops waiting for the cancel command (and kills it).</param>
    /// <returns>When the batch system has taken the cancellation.</returns>
    /// <exception cref="JobQueueCommandException">The cancel command failed.</exception>
    public async Task CancelAsync(JobHandle job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await CancelIdsAsync([job.JobId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels every job this tracker submitted and has not seen end.</summary>
    /// <param name="cancellationToken">Stops waiting for the cancel command (and kills it).</param>
    /// <returns>When the batch system has taken the cancellations.</returns>
    /// <exception cref="JobQueueCommandException">The cancel command failed.</exception>
    public Task CancelAllAsync(CancellationToken cancellationToken = default) =>
        CancelIdsAsync([.. jobs.Keys], cancellationToken);

    /// <summary>Cancels every job still tracked.</summary>
    /// <returns>When the cancellations are taken.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await CancelAllAsync().ConfigureAwait(false);
    }

    /// <summary>Cancels every job still tracked, blocking until the cancel command returns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        CancelAllAsync().GetAwaiter().GetResult();
    }

    private async Task CancelIdsAsync(string[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return;
        var result = await runner.RunAsync([.. options.Backend.CancelCommand, .. ids], null, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !options.Backend.IsAlreadyGone(result)) result.EnsureSuccess();
        foreach (string id in ids) jobs.TryRemove(id, out _);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
