using Tessera.Distributed.Hosting;

namespace Tessera.Distributed;

/// <summary>
/// A scheduler in this process plus workers started on demand. A cluster holds a desired number of
/// workers and the groups actually running (a group is a process, or a batch job holding several);
/// <see cref="Scale"/> changes the wish and one reconcile step closes the gap. Subclasses only say
/// how a group starts and stops (Dask's <c>SpecCluster</c>).
/// </summary>
public abstract partial class Cluster : IAsyncDisposable
{
    private readonly SemaphoreSlim _reconcile = new(1, 1);
    private readonly List<WorkerGroup> _groups = [];
    private readonly Lock _gate = new();
    private SchedulerServer? _scheduler;
    private Task? _starting;
    private int _desired;
    private int _nextGroup;
    private bool _closed;

    /// <summary>Creates a cluster that will start <paramref name="initialWorkers"/> workers.</summary>
    /// <param name="initialWorkers">Workers wanted at start.</param>
    protected Cluster(int initialWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialWorkers);
        _desired = initialWorkers;
    }

    /// <summary>The scheduler's address, e.g. <c>tcp://127.0.0.1:40401</c>.</summary>
    /// <exception cref="InvalidOperationException">The cluster has not been started.</exception>
    public string SchedulerAddress => _scheduler?.Address ?? throw new InvalidOperationException("The cluster is not started yet: call StartAsync or Client.ConnectAsync(cluster).");

    /// <summary>The dashboard URL, or null when none is served.</summary>
    public string? DashboardLink => _scheduler?.DashboardAddress is { } d ? "http://" + d + "/status" : null;

    /// <summary>
    /// The credentials of every connection of this cluster; a client connecting to the cluster uses them unless its
    /// options say otherwise. Subclasses set it at construction (<see cref="LocalCluster"/> and batch clusters make
    /// temporary ones unless given <see cref="Distributed.Security.None"/>).
    /// </summary>
    /// <value>Default <see cref="Distributed.Security.None"/>.</value>
    public Security Security { get; protected init; } = Security.None;

    /// <summary>Workers connected to the scheduler now.</summary>
    public IReadOnlyList<WorkerDescription> Workers => _scheduler?.Core.WorkerInfos().Select(WorkerDescription.From).ToList() ?? [];

    /// <summary>Workers asked for (by the constructor or <see cref="Scale"/>).</summary>
    public int RequestedWorkers => Volatile.Read(ref _desired);

    /// <summary>How long <see cref="WaitForWorkersAsync(CancellationToken)"/> waits for the requested workers.</summary>
    /// <value>Default 120 s.</value>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Workers a group starts (1 for a process; <c>Processes</c> for a batch job).</summary>
    protected virtual int WorkersPerGroup => 1;

    internal SchedulerServer? Scheduler => _scheduler;

    /// <summary>Options of the in-process scheduler (where it binds).</summary>
    protected abstract SchedulerOptions SchedulerOptions { get; }

    /// <summary>Starts one group of workers that will connect to <paramref name="schedulerAddress"/>.</summary>
    /// <param name="name">A unique name for the group (worker names derive from it).</param>
    /// <param name="schedulerAddress">The scheduler to join.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    protected abstract Task<WorkerGroup> StartGroupAsync(string name, string schedulerAddress, CancellationToken cancellationToken);

    /// <summary>Starts the scheduler and the requested workers; safe to call more than once.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return _starting ??= StartCoreAsync(cancellationToken);
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        _scheduler = await SchedulerServer.StartAsync(SchedulerOptions with { Security = Security }, ct).ConfigureAwait(false);
        _scheduler.Core.WorkersRetiringOnRequest += OnWorkersRetiringOnRequest;
        await ReconcileAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Asks for <paramref name="workers"/> workers; groups start or stop in the background.</summary>
    /// <param name="workers">Total workers wanted.</param>
    public void Scale(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        Volatile.Write(ref _desired, workers);
        if (_scheduler is not null)
        {
            _ = ReconcileAsync(CancellationToken.None);
        }
    }

    /// <summary>Asks for <paramref name="workers"/> workers and waits until that many are connected.</summary>
    /// <param name="workers">Total workers wanted.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task ScaleAsync(int workers, CancellationToken cancellationToken = default)
    {
        Scale(workers);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await ReconcileAsync(cancellationToken).ConfigureAwait(false);
        await WaitForWorkersAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every group, then the scheduler.</summary>
    public async Task CloseAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        await _reconcile.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (WorkerGroup g in _groups.Concat(_retiring))
            {
                await g.DisposeAsync().ConfigureAwait(false);
            }

            _groups.Clear();
            _retiring.Clear();
        }
        finally
        {
            _reconcile.Release();
        }

        await OnClosedAsync().ConfigureAwait(false);
        if (_scheduler is not null)
        {
            await _scheduler.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Called by <see cref="CloseAsync"/> once every group is closed, before the scheduler stops: subclasses release what they hold (a job tracker, an adaptive loop).</summary>
    /// <returns>When done.</returns>
    protected virtual ValueTask OnClosedAsync() => ValueTask.CompletedTask;

    /// <summary>Closes the cluster: every process or job it started is stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens or closes groups until the running ones match the requested workers.</summary>
    protected async Task ReconcileAsync(CancellationToken ct)
    {
        await _reconcile.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_closed || _scheduler is null)
            {
                return;
            }

            SetAsideRetiredGroups();
            _groups.RemoveAll(static g => g.HasExited);
            int wantGroups = (RequestedWorkers + WorkersPerGroup - 1) / WorkersPerGroup;

            // Leaving groups are no capacity: they are replaced now and closed only with the cluster.
            int staying = _groups.Count(static g => !g.IsLeaving);
            while (staying < wantGroups)
            {
                string name = GroupName(Interlocked.Increment(ref _nextGroup) - 1);
                WorkerGroup group = await StartGroupAsync(name, _scheduler.Address, ct).ConfigureAwait(false);
                _groups.Add(group);
                staying++;
                _ = ReplaceWhenExitedAsync(group);
            }

            while (staying > wantGroups)
            {
                WorkerGroup victim = SelectGroupToClose(_groups.Where(static g => !g.IsLeaving).ToList());
                _groups.Remove(victim);
                staying--;
                await victim.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _reconcile.Release();
        }
    }

    /// <summary>The name of the n-th group started (0-based).</summary>
    /// <param name="index">Start order.</param>
    protected virtual string GroupName(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Which group to close when the cluster scales down.</summary>
    /// <param name="groups">The running groups that are not leaving, in start order (never empty).</param>
    /// <returns>One of <paramref name="groups"/>; default the last started.</returns>
    protected virtual WorkerGroup SelectGroupToClose(IReadOnlyList<WorkerGroup> groups) => groups[^1];

    /// <summary>The scheduler's address once started, else null (<see cref="SchedulerAddress"/> throws instead).</summary>
    protected string? StartedSchedulerAddress => _scheduler?.Address;

    /// <summary>
    /// What the scheduler has to do now, for adaptive scaling: tasks queued, waiting for a worker or
    /// processing, and how many tasks each connected worker (by name) is processing.
    /// </summary>
    /// <returns>Zero and an empty map before the cluster starts.</returns>
    protected (int PendingTasks, IReadOnlyDictionary<string, int> ProcessingByWorker) SchedulerActivity() =>
        _scheduler is null
            ? (0, new Dictionary<string, int>())
            : _scheduler.Core.Read(static s => (
                s.Queued.Count + s.Unrunnable.Count + s.Workers.Values.Sum(static w => w.Processing.Count),
                (IReadOnlyDictionary<string, int>)s.Workers.Values.GroupBy(static w => w.Name, StringComparer.Ordinal)
                    .ToDictionary(static g => g.Key, static g => g.Sum(static w => w.Processing.Count), StringComparer.Ordinal)));

    /// <summary>The groups running now, leaving ones included.</summary>
    protected IReadOnlyList<WorkerGroup> Groups => _groups;
}
