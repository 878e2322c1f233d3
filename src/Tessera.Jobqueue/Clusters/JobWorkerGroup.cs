using System.Globalization;
using Tessera.Distributed;

namespace Tessera.Jobqueue;

/// <summary>
/// One batch job holding <c>Processes</c> workers. Its state is polled every <c>StatusInterval</c>;
/// a job still pending after <c>PendingTimeout</c> is cancelled and counts as failed. With a walltime, a job
/// running for longer than its workers' lifetime minus the replacement lead is leaving (replaced, not cancelled).
/// Disposing cancels the job.
/// </summary>
internal sealed class JobWorkerGroup : WorkerGroup
{
    private readonly JobQueueJobs _jobs;
    private readonly JobQueueClusterOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _monitor;
    private readonly JobGroupHooks _hooks;
    private readonly TimeSpan? _leavingAfter;
    private volatile string? _failure;
    private DateTimeOffset? _runningSince;
    private int _state = (int)JobState.Pending;
    private int _leaving;
    private int _disposed;

    private JobWorkerGroup(string name, int index, JobHandle job, JobQueueJobs jobs, JobQueueClusterOptions options, JobGroupHooks hooks)
        : base(name)
    {
        Index = index;
        Job = job;
        _jobs = jobs;
        _options = options;
        _hooks = hooks;
        _leavingAfter = WorkerCommandLine.LeavingAfter(options);
        _monitor = Task.Run(() => MonitorAsync(_stop.Token));
    }

    /// <summary>The job index that names its workers.</summary>
    public int Index { get; }

    /// <summary>The job: id and log files.</summary>
    public JobHandle Job { get; }

    /// <summary>The state last seen by squeue (or qstat).</summary>
    public JobState State => (JobState)Volatile.Read(ref _state);

    /// <summary>True once one of its workers was seen connected.</summary>
    public bool Joined { get; set; }

    public override bool HasExited => State == JobState.Ended || _failure is not null;

    /// <summary>True once its workers' lifetime ends within the replacement lead (it stays true after the job ends).</summary>
    public override bool IsLeaving => Volatile.Read(ref _leaving) != 0;

    /// <summary>Submits the script and starts watching the job, reporting to <paramref name="hooks"/>.</summary>
    public static async Task<JobWorkerGroup> SubmitAsync(string name, int index, string script, JobQueueJobs jobs, JobQueueClusterOptions options, JobGroupHooks hooks, CancellationToken ct)
    {
        JobHandle job = await jobs.SubmitAsync(script, ct).ConfigureAwait(false);
        return new JobWorkerGroup(name, index, job, jobs, options, hooks);
    }

    /// <summary>Whether a worker of this job has this name (<c>NAME</c>, or <c>NAME-i</c> with several processes).</summary>
    public bool Owns(string workerName) =>
        _options.Processes == 1 ? workerName == Name : workerName.StartsWith(Name + "-", StringComparison.Ordinal);

    public override string Describe()
    {
        string what = _failure ?? (State == JobState.Ended ? "ended" : "is " + State.ToString().ToUpperInvariant());
        string text = $"Job {Job.JobId} ({Name}) {what}; logs: {Job.OutputLog ?? "(batch system's default)"}, {Job.ErrorLog ?? "(batch system's default)"}.";
        string tail = Tail(Job.ErrorLog);
        return tail.Length == 0 ? text : text + Environment.NewLine + tail;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _monitor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        if (State != JobState.Ended)
        {
            try
            {
                await _jobs.CancelAsync(Job).ConfigureAwait(false);
            }
            catch (JobQueueCommandException)
            {
                // The tracker keeps the job and cancels it again when it is disposed.
            }
        }

        _stop.Dispose();
    }

    private async Task MonitorAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            JobState state;
            try
            {
                state = await _jobs.StatusAsync(Job, ct).ConfigureAwait(false);
            }
            catch (JobQueueCommandException)
            {
                await Task.Delay(_options.StatusInterval, _hooks.Time, ct).ConfigureAwait(false);
                continue;
            }

            Volatile.Write(ref _state, (int)state);
            if (state == JobState.Running && !Joined && _hooks.Connected(this))
            {
                Joined = true;
            }

            if (state == JobState.Ended)
            {
                _hooks.Ended(this);
                return;
            }

            DateTimeOffset now = _hooks.Time.GetUtcNow();
            if (state is JobState.Running or JobState.Ending || Joined)
            {
                _runningSince ??= now;
            }

            if (_leavingAfter is { } after && _runningSince is { } since && now - since >= after && Interlocked.Exchange(ref _leaving, 1) == 0)
            {
                _hooks.Leaving(this);
            }

            TimeSpan waited = now - Job.SubmittedAt;
            if (state == JobState.Pending && waited >= _options.PendingTimeout)
            {
                _failure = string.Create(CultureInfo.InvariantCulture, $"is still PENDING after {waited.TotalSeconds:0} s (queue {_options.Queue ?? "default"}, PendingTimeout {_options.PendingTimeout.TotalSeconds:0} s) and was cancelled");
                try
                {
                    await _jobs.CancelAsync(Job, ct).ConfigureAwait(false);
                }
                catch (JobQueueCommandException)
                {
                    // Cancelled again on close.
                }

                _hooks.Ended(this);
                return;
            }

            await Task.Delay(_options.StatusInterval, _hooks.Time, ct).ConfigureAwait(false);
        }
    }

    private static string Tail(string? path)
    {
        try
        {
            if (path is null || !File.Exists(path))
            {
                return "";
            }

            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(fs);
            string[] lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, lines.TakeLast(10));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
