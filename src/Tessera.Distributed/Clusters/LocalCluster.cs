using System.Globalization;
using Tessera.Distributed.Clusters;
using Tessera.Distributed.Hosting;

namespace Tessera.Distributed;

/// <summary>
/// A cluster on this machine with nothing to install, as Dask's <c>LocalCluster</c>: a scheduler in
/// this process and worker processes launched from this application's own files. Disposing stops
/// every process it started.
/// </summary>
public sealed class LocalCluster : Cluster
{
    private readonly LocalClusterOptions _options;
    private readonly int _threads;
    private readonly long _memoryLimit;

    /// <summary>Creates a local cluster; it starts on <see cref="Cluster.StartAsync"/> or <c>Client.ConnectAsync(cluster)</c>.</summary>
    /// <param name="options">Options; null for Dask's defaults.</param>
    public LocalCluster(LocalClusterOptions? options = null)
        : base((options ?? new LocalClusterOptions()).Layout().Workers)
    {
        _options = options ?? new LocalClusterOptions();
        (int workers, _threads) = _options.Layout();
        if (_threads < 1 || workers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "NWorkers must be ≥ 0 and ThreadsPerWorker ≥ 1.");
        }

        _memoryLimit = _options.MemoryLimit is "auto" or ""
            ? ByteSize.MachineMemory / Math.Max(1, workers)
            : ByteSize.Parse(_options.MemoryLimit);
        LocalDirectory = _options.LocalDirectory ?? Path.Combine(Path.GetTempPath(), "tessera-worker-space");
    }

    /// <summary>Threads of each worker.</summary>
    public int ThreadsPerWorker => _threads;

    /// <summary>Memory limit of each worker in bytes.</summary>
    public long MemoryLimitPerWorker => _memoryLimit;

    /// <summary>Where worker logs and spilled data go.</summary>
    public string LocalDirectory { get; }

    /// <inheritdoc/>
    protected override SchedulerOptions SchedulerOptions => new() { Host = _options.Host, Port = _options.SchedulerPort, DashboardAddress = _options.DashboardAddress };

    /// <inheritdoc/>
    protected override async Task<WorkerGroup> StartGroupAsync(string name, string schedulerAddress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LocalDirectory);
        var options = new WorkerOptions
        {
            SchedulerAddress = schedulerAddress,
            NThreads = _threads,
            MemoryLimit = _memoryLimit,
            Name = name,
            LocalDirectory = LocalDirectory,
            Host = _options.Host,
        };
        return _options.Processes
            ? ProcessWorkerGroup.Start(name, WorkerLauncher.Arguments(options), Path.Combine(LocalDirectory, name + ".log"))
            : await InProcessWorkerGroup.StartAsync(name, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override string GroupName(int index) =>
        "local-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>What Dask's <c>LocalCluster</c> repr shows, and on a second line the workers' memory use (managed, unmanaged, spilled, of the limit).</summary>
    public override string ToString()
    {
        IReadOnlyList<WorkerDescription> ws = Workers;
        string address = Scheduler?.Address ?? "not started";
        return $"LocalCluster('{address}', workers={ws.Count}, threads={ws.Sum(static w => w.Threads)}, memory={ByteFormat.FormatBytes(ws.Sum(static w => w.MemoryLimit))}"
            + (DashboardLink is null ? "" : $", dashboard={DashboardLink}") + ")" + Environment.NewLine + "  memory: " + WorkerMemorySummary.Of(ws);
    }
}
