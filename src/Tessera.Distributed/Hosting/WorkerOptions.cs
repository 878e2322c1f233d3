namespace Tessera.Distributed.Hosting;

/// <summary>How a worker runs (the options of <c>tessera worker</c>; Dask's <c>dask worker</c> flags).</summary>
public sealed record WorkerOptions
{
    /// <summary>The scheduler to join, e.g. <c>tcp://127.0.0.1:8786</c>.</summary>
    public required string SchedulerAddress { get; init; }

    /// <summary>
    /// The credentials the worker presents to the scheduler and to peers, and requires of whoever fetches its data
    /// (<see cref="Security.TlsWorkerCert"/>, <see cref="Security.TlsWorkerKey"/>); the scheduler address is then <c>tls://</c>.
    /// </summary>
    /// <value>Default <see cref="Security.None"/>.</value>
    public Security Security { get; init; } = Security.None;

    /// <summary>Threads that run tasks.</summary>
    /// <value>Default: the machine's core count.</value>
    public int NThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes of results this worker may hold; 0 for no limit.</summary>
    /// <value>Default 0 (no limit); clusters set machine memory divided by workers.</value>
    public long MemoryLimit { get; init; }

    /// <summary>
    /// Fraction of <see cref="MemoryLimit"/> of managed data (results held, by size) past which results are spilled to
    /// <see cref="LocalDirectory"/>, least recently used first (Dask's <c>distributed.worker.memory.target</c>); null disables it.
    /// </summary>
    /// <value>Default 0.6.</value>
    public double? MemoryTargetFraction { get; init; } = 0.6;

    /// <summary>
    /// Fraction of <see cref="MemoryLimit"/> of process memory (resident set) past which results are spilled until the
    /// process is under the target (Dask's <c>distributed.worker.memory.spill</c>); null disables it. Only for a worker
    /// that has its process to itself (<c>tessera worker</c> with one worker, <c>LocalCluster</c> with processes).
    /// </summary>
    /// <value>Default 0.7.</value>
    public double? MemorySpillFraction { get; init; } = 0.7;

    /// <summary>
    /// Fraction of <see cref="MemoryLimit"/> of process memory past which the worker starts no new tasks or fetches until
    /// it falls 5% of the limit below again (Dask's <c>distributed.worker.memory.pause</c>); null disables it. Only for a
    /// worker that has its process to itself.
    /// </summary>
    /// <value>Default 0.8.</value>
    public double? MemoryPauseFraction { get; init; } = 0.8;

    /// <summary>
    /// Fraction of <see cref="MemoryLimit"/> of process memory past which the worker process exits, so that the
    /// scheduler reschedules its work (Dask's <c>distributed.worker.memory.terminate</c>); null disables it. Only for a
    /// worker that has its process to itself.
    /// </summary>
    /// <value>Default 0.95.</value>
    public double? MemoryTerminateFraction { get; init; } = 0.95;

    /// <summary>
    /// Fraction of <see cref="MemoryLimit"/> that data being fetched from peers may take at most (bytes of fetches started
    /// and not finished; Dask's <c>distributed.worker.memory.transfer</c>); one fetch may still start when none is in
    /// flight, so that a single chunk larger than the budget moves. Null, or a <see cref="MemoryLimit"/> of 0, means no
    /// budget.
    /// </summary>
    /// <value>Default 0.1.</value>
    public double? MemoryTransferFraction { get; init; } = 0.1;

    /// <summary>How often process memory is sampled (Dask's <c>distributed.worker.memory.monitor-interval</c>).</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan MemoryMonitorInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Unique name shown in the dashboard and in errors.</summary>
    /// <value>Default <c>host-pid</c>.</value>
    public string? Name { get; init; }

    /// <summary>Directory for spilled data and cached assemblies.</summary>
    /// <value>Default: <c>tessera-UID</c> under the system temp directory, created with mode 0700 (checked to be this
    /// user's, not a link, and closed to others when it exists). A given directory is used as is when it is already
    /// private to this user; otherwise Tessera works in a private <c>tessera-UID</c> directory inside it.</value>
    public string? LocalDirectory { get; init; }

    /// <summary>Largest gRPC message the worker accepts from or sends to the scheduler, in bytes.</summary>
    /// <value>Default 1 GiB.</value>
    public int MaxMessageSize { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1 << 16, nameof(MaxMessageSize)); field = value; } } = ControlChannel.DefaultMaxMessageSize;

    /// <summary>Limits of the worker's data server (connections, request sizes, read timeout).</summary>
    /// <value>Default <see cref="DataPlane.DataPlaneLimits"/>'s defaults.</value>
    public DataPlane.DataPlaneLimits DataPlane { get; init; } = new();

    /// <summary>Address the data server binds to and advertises.</summary>
    /// <value>Default null: the address of <see cref="Interface"/> if set, else 127.0.0.1 for a loopback scheduler, else the host's first non-loopback IPv4 address.</value>
    public string? Host { get; init; }

    /// <summary>Network interface whose IPv4 address the worker advertises, e.g. <c>ib0</c>.</summary>
    /// <value>Default null.</value>
    public string? Interface { get; init; }

    /// <summary>The worker retires after this long (used with batch-job walltimes).</summary>
    /// <value>Default null: no lifetime.</value>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>How long to keep trying to reach the scheduler before giving up.</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan DeathTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the worker reports its load.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock the worker reads; tests inject a fake one.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether this worker has its process to itself: process-memory thresholds apply and it may exit the process.</summary>
    internal bool OwnsProcess { get; init; }
}
