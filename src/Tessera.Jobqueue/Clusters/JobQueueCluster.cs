using System.Globalization;
using Tessera.Distributed;
using Tessera.Distributed.Hosting;

namespace Tessera.Jobqueue;

/// <summary>
/// Workers started as batch jobs, as dask-jobqueue's <c>JobQueueCluster</c>: the scheduler runs in this
/// process, bound to the address of <see cref="JobQueueClusterOptions.Interface"/>; each worker group is one
/// job (submitted with the backend's submit command, cancelled on close) holding
/// <see cref="JobQueueClusterOptions.Processes"/> workers. A job that ends after its workers joined is
/// replaced; one that stays pending past <see cref="JobQueueClusterOptions.PendingTimeout"/> or ends before
/// its workers join is reported by <see cref="Cluster.WaitForWorkersAsync(CancellationToken)"/> with its id and log files.
/// Closing or disposing cancels every job it submitted, also at process exit.
/// </summary>
public abstract partial class JobQueueCluster : Cluster
{
    private readonly string _host;
    private readonly TimeProvider _time;
    private readonly CredentialFiles? _credentials;
    private bool _credentialsWritten;
    private int _closed;

    /// <summary>Creates the cluster; it starts on <see cref="Cluster.StartAsync"/> or <c>Client.ConnectAsync(cluster)</c>.</summary>
    /// <param name="options">Options; <see cref="JobQueueClusterOptions.NWorkers"/> jobs are submitted at start.</param>
    /// <param name="runner">Runs the batch-system commands; default a <see cref="CommandRunner"/>.</param>
    /// <param name="timeProvider">Clock for job polling, pending timeouts and the time jobs have run; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">Inconsistent options, or an <see cref="JobQueueClusterOptions.Interface"/> that does not exist (the message lists those that do).</exception>
    protected JobQueueCluster(JobQueueClusterOptions options, ICommandRunner? runner = null, TimeProvider? timeProvider = null)
        : base(checked((options ?? throw new ArgumentNullException(nameof(options))).NWorkers * options.Processes))
    {
        options.Validate();
        Options = options;
        _host = (options.Interface is { } nic ? HostAddresses.ResolveIPv4(nic) : HostAddresses.DefaultIPv4()).ToString();
        _time = timeProvider ?? TimeProvider.System;
        Jobs = new JobQueueJobs(options, runner, _time);
        Security = options.Security ?? Security.Temporary();
        _credentials = Security.IsInMemory ? CredentialFiles.Plan(options.CredentialDirectory) : null;
        WorkerStartTimeout = options.PendingTimeout + (options.DeathTimeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>The options the jobs are rendered from.</summary>
    public JobQueueClusterOptions Options { get; }

    /// <summary>The jobs submitted and not yet seen ended or cancelled.</summary>
    public JobQueueJobs Jobs { get; }

    /// <summary>Jobs of this cluster now (pending or running).</summary>
    public int JobCount => Groups.Count(static g => !g.HasExited);

    /// <summary>Jobs of this cluster the batch system is running now (seen running by the status command, or with a worker connected).</summary>
    public int RunningJobs => JobGroups.Count(g => !g.HasExited && IsRunning(g, Workers));

    /// <summary>Jobs of this cluster still waiting in the queue.</summary>
    public int PendingJobs => JobGroups.Count(g => !g.HasExited && !IsRunning(g, Workers));

    /// <summary>
    /// Running jobs whose workers retire soon (see <see cref="JobQueueClusterOptions.ReplacementLead"/>): already
    /// replaced, not counted as capacity by <see cref="Scale"/> or <see cref="Adapt"/>, and left to end on their own.
    /// </summary>
    public int LeavingJobs => JobGroups.Count(static g => !g.HasExited && g.IsLeaving);

    /// <inheritdoc/>
    protected override int WorkersPerGroup => Options.Processes;

    /// <inheritdoc/>
    protected override SchedulerOptions SchedulerOptions => new() { Host = _host, Port = Options.SchedulerPort };

    private IEnumerable<JobWorkerGroup> JobGroups => Groups.OfType<JobWorkerGroup>();

    /// <summary>
    /// The job script exactly as it is submitted for the next job. Before the cluster starts the
    /// scheduler's port is not known: the address reads <c>tcp://ADDRESS:&lt;port&gt;</c> (ADDRESS being
    /// the interface's) unless <see cref="JobQueueClusterOptions.SchedulerPort"/> is set.
    /// </summary>
    /// <returns>The script.</returns>
    public string JobScript() => Options.Backend.JobScript(Options, ScriptAddress, 0, JobSecurity);

    /// <summary>The directory of the temporary credentials the jobs read (created at start, deleted at close), or null when the jobs get none or the user's own files.</summary>
    public string? CredentialDirectory => _credentials?.Directory;

    /// <summary>The credentials as the job scripts reference them: by path.</summary>
    private Security JobSecurity => _credentials?.Security ?? Security;

    /// <summary>Asks for <paramref name="jobs"/> jobs (<paramref name="jobs"/> × Processes workers), or for enough whole jobs to hold <paramref name="workers"/> workers.</summary>
    /// <param name="workers">Workers wanted, rounded up to whole jobs.</param>
    /// <param name="jobs">Jobs wanted; wins over <paramref name="workers"/>.</param>
    /// <exception cref="ArgumentException">Neither is given.</exception>
    public void Scale(int? workers = null, int? jobs = null)
    {
        if (jobs is int j)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(j, nameof(jobs));
            base.Scale(checked(j * Options.Processes));
        }
        else if (workers is int w)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w, nameof(workers));
            base.Scale(w);
        }
        else
        {
            throw new ArgumentException("Give workers or jobs.", nameof(workers));
        }
    }

    /// <summary>The repr of dask-jobqueue: address, jobs pending and running, workers connected.</summary>
    /// <returns>E.g. <c>SlurmCluster('tcp://127.0.0.1:40401', jobs=2 (running 2, pending 0), workers=2, threads=2, memory=2.00 GB)</c>.</returns>
    public override string ToString()
    {
        IReadOnlyList<WorkerDescription> ws = Workers;
        string address = StartedSchedulerAddress ?? "not started";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{GetType().Name}('{address}', jobs={JobCount} (running {RunningJobs}, pending {PendingJobs}), workers={ws.Count}, threads={ws.Sum(static w => w.Threads)}, memory={new MemorySize(ws.Sum(static w => w.MemoryLimit))})");
    }

    /// <inheritdoc/>
    protected override async Task<WorkerGroup> StartGroupAsync(string name, string schedulerAddress, CancellationToken cancellationToken)
    {
        int index = int.Parse(name.AsSpan(name.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
        if (_credentials is not null && !_credentialsWritten)
        {
            _credentials.Write(Security);
            _credentialsWritten = true;
        }

        string script = Options.Backend.JobScript(Options, schedulerAddress, index, JobSecurity);
        var hooks = new JobGroupHooks(OnJobEnded, OnJobLeaving, g => Workers.Any(w => g.Owns(w.Name)), _time);
        return await JobWorkerGroup.SubmitAsync(name, index, script, Jobs, Options, hooks, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override string GroupName(int index) => Options.JobName + "-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Closes pending jobs first, then jobs whose workers all are idle, then the last started.</summary>
    /// <inheritdoc/>
    protected override WorkerGroup SelectGroupToClose(IReadOnlyList<WorkerGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var jobs = groups.OfType<JobWorkerGroup>().ToList();
        IReadOnlyList<WorkerDescription> workers = Workers;
        if (jobs.LastOrDefault(g => !IsRunning(g, workers)) is { } pending)
        {
            return pending;
        }

        IReadOnlyDictionary<string, int> processing = SchedulerActivity().ProcessingByWorker;
        return jobs.LastOrDefault(g => IsIdle(g, processing)) ?? groups[^1];
    }

    /// <inheritdoc/>
    protected override async ValueTask OnClosedAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        await StopAdaptAsync().ConfigureAwait(false);
        await Jobs.DisposeAsync().ConfigureAwait(false);
        _credentials?.Dispose();
    }

    private static bool IsRunning(JobWorkerGroup g, IReadOnlyList<WorkerDescription> workers) =>
        g.State is JobState.Running or JobState.Ending || workers.Any(w => g.Owns(w.Name));

    private static bool IsIdle(JobWorkerGroup g, IReadOnlyDictionary<string, int> processing) =>
        processing.Where(p => g.Owns(p.Key)).All(static p => p.Value == 0);

    private string ScriptAddress => StartedSchedulerAddress
        ?? (Security.IsEnabled ? "tls" : "tcp") + "://" + _host + ":" + (Options.SchedulerPort == 0 ? "<port>" : Options.SchedulerPort.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A job ended: if its workers had joined it was lost (walltime, scancel, node failure) and is replaced; else it
    /// stays for WaitForWorkersAsync to report. A leaving job was replaced already: the reconcile step only retries a
    /// replacement whose submission failed.
    /// </summary>
    private void OnJobEnded(JobWorkerGroup group)
    {
        if (Volatile.Read(ref _closed) != 0 || !(group.Joined || group.IsLeaving))
        {
            return;
        }

        _ = ReplaceLostJobsAsync();
    }

    /// <summary>A job's workers retire soon: its replacement is submitted now, while they can still hand over their results.</summary>
    private void OnJobLeaving(JobWorkerGroup group)
    {
        if (Volatile.Read(ref _closed) == 0)
        {
            _ = ReplaceLostJobsAsync();
        }
    }

    /// <summary>One reconcile step, awaited (tests use it as a barrier: steps never overlap).</summary>
    internal Task ReconcileNowAsync() => ReconcileAsync(CancellationToken.None);

    private async Task ReplaceLostJobsAsync()
    {
        try
        {
            await ReconcileAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (JobQueueCommandException)
        {
            // The next scale or adapt step tries again.
        }
    }
}
