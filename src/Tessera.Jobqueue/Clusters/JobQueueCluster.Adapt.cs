namespace Tessera.Jobqueue;

public abstract partial class JobQueueCluster
{
    private readonly Lock _adaptGate = new();
    private CancellationTokenSource? _adaptStop;
    private Task? _adaptLoop;

    /// <summary>How often <see cref="Adapt"/> looks at the scheduler.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan AdaptInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive looks that must all want fewer jobs before <see cref="Adapt"/> closes any (Dask's <c>wait_count</c>).</summary>
    /// <value>Default 3.</value>
    public int AdaptWaitCount { get; init; } = 3;

    /// <summary>The last error of a job submission made by <see cref="Adapt"/> (e.g. an sbatch rejection), or null.</summary>
    public Exception? LastAdaptError { get; private set; }

    /// <summary>
    /// Lets the number of jobs follow the work: every <see cref="AdaptInterval"/> the target is enough
    /// jobs for the tasks queued or processing at the scheduler (one task per thread), between the bounds.
    /// More jobs are submitted at once; fewer are asked only after <see cref="AdaptWaitCount"/> looks in a
    /// row, and only pending jobs or jobs whose workers all are idle are closed. With a walltime, a job whose
    /// workers retire soon is leaving: it is replaced and not counted (see <see cref="JobQueueClusterOptions.ReplacementLead"/>). It counts in whole jobs,
    /// so a job of several processes is never half closed (no oscillation). Calling it again changes the bounds.
    /// </summary>
    /// <param name="minimumJobs">Jobs kept even when idle. Default 0.</param>
    /// <param name="maximumJobs">Jobs never exceeded. Default unbounded.</param>
    public void Adapt(int minimumJobs = 0, int maximumJobs = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumJobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumJobs, minimumJobs);
        var stop = new CancellationTokenSource();
        CancellationTokenSource? previous;
        lock (_adaptGate)
        {
            previous = _adaptStop;
            _adaptStop = stop;
            _adaptLoop = Task.Run(() => AdaptLoopAsync(minimumJobs, maximumJobs, stop.Token));
        }

        previous?.Cancel();
    }

    /// <summary>Stops adapting; the jobs running now stay.</summary>
    /// <returns>When the loop has stopped.</returns>
    public async Task StopAdaptAsync()
    {
        CancellationTokenSource? stop;
        Task? loop;
        lock (_adaptGate)
        {
            (stop, loop) = (_adaptStop, _adaptLoop);
            (_adaptStop, _adaptLoop) = (null, null);
        }

        if (stop is null || loop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AdaptLoopAsync(int minimum, int maximum, CancellationToken ct)
    {
        int threadsPerJob = Options.WorkerThreads * Options.Processes;
        int lower = 0;
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(AdaptInterval, ct).ConfigureAwait(false);
            if (StartedSchedulerAddress is null || Volatile.Read(ref _closed) != 0)
            {
                continue;
            }

            try
            {
                lower = await AdaptOnceAsync(minimum, maximum, threadsPerJob, lower, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed round (a scheduler snapshot or a reconcile that threw) must not end adaptivity.
                Console.Error.WriteLine($"tessera: adapt round failed; adapting goes on: {e}");
            }
        }
    }

    /// <summary>One round of <see cref="AdaptLoopAsync"/>; returns the new count of consecutive rounds that wanted fewer jobs.</summary>
    private async Task<int> AdaptOnceAsync(int minimum, int maximum, int threadsPerJob, int lower, CancellationToken ct)
    {
        (int tasks, IReadOnlyDictionary<string, int> processing) = SchedulerActivity();
        int target = Math.Clamp((tasks + threadsPerJob - 1) / threadsPerJob, minimum, maximum);
        int current = (RequestedWorkers + Options.Processes - 1) / Options.Processes;
        if (target > current)
        {
            lower = 0;
            await ScaleJobsAsync(target, ct).ConfigureAwait(false);
        }
        else if (target < current && ++lower >= AdaptWaitCount)
        {
            lower = 0;
            IReadOnlyList<Tessera.Distributed.WorkerDescription> workers = Workers;
            // Leaving jobs are no capacity (their replacements are) and are never closed here.
            int closable = JobGroups.Count(g => !g.HasExited && !g.IsLeaving && (!IsRunning(g, workers) || IsIdle(g, processing)));
            int jobs = Math.Max(target, current - closable);
            if (jobs < current)
            {
                await ScaleJobsAsync(jobs, ct).ConfigureAwait(false);
            }
        }
        else if (target >= current)
        {
            lower = 0;
        }

        return lower;
    }

    private async Task ScaleJobsAsync(int jobs, CancellationToken ct)
    {
        Scale(jobs: jobs);
        try
        {
            await ReconcileAsync(ct).ConfigureAwait(false);
            LastAdaptError = null;
        }
        catch (JobQueueCommandException e)
        {
            LastAdaptError = e;
        }
    }
}
