namespace Tessera.Distributed.Hosting;

/// <summary>How a worker runs (the options of <c>tessera worker</c>; Dask's <c>dask worker</c> flags).</summary>
public sealed record WorkerOptions
{
    /// <summary>The scheduler to join, e.g. <c>tcp://127.0.0.1:8786</c>.</summary>
    public required string SchedulerAddress { get; init; }

    /// <summary>Threads that run tasks.</summary>
    /// <value>Default: the machine's core count.</value>
    public int NThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes of results this worker may hold; 0 for no limit.</summary>
    /// <value>Default 0 (no limit); clusters set machine memory divided by workers.</value>
    public long MemoryLimit { get; init; }

    /// <summary>Unique name shown in the dashboard and in errors.</summary>
    /// <value>Default <c>host-pid</c>.</value>
    public string? Name { get; init; }

    /// <summary>Directory for spilled data and cached assemblies.</summary>
    /// <value>Default: a <c>tessera-worker-space</c> folder under the system temp directory.</value>
    public string? LocalDirectory { get; init; }

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
}
