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
    private CredentialFiles? _credentials;

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
        LocalDirectory = Files.PrivateDirectory.ForLocalDirectory(_options.LocalDirectory);
        Security = _options.Security ?? Security.Temporary();
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
            Security = Security,

            // The scheduler lives in this process: when it is gone, so is the host (killed, or ended by a signal
            // without disposing the cluster), and the worker processes must not linger for a minute.
            DeathTimeout = TimeSpan.FromSeconds(10),
        };
        if (!_options.Processes)
        {
            return await InProcessWorkerGroup.StartAsync(name, options, cancellationToken).ConfigureAwait(false);
        }

        return ProcessWorkerGroup.Start(name, WorkerLauncher.Arguments(options with { Security = ProcessSecurity() }), Path.Combine(LocalDirectory, name + ".log"));
    }

    /// <inheritdoc/>
    protected override ValueTask OnClosedAsync()
    {
        _credentials?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The credentials as worker processes receive them: by path, in-memory ones written to owner-only files first (once).</summary>
    private Security ProcessSecurity()
    {
        if (!Security.IsInMemory)
        {
            return Security;
        }

        if (_credentials is null)
        {
            var files = CredentialFiles.Plan();
            files.Write(Security);
            _credentials = files;
        }

        return _credentials.Security;
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
