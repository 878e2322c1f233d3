namespace Tessera.Distributed;

/// <summary>Options of <see cref="LocalCluster"/>, with Dask's defaults.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>Worker processes to start.</summary>
    /// <value>Default null: as Dask, one worker per core up to 4 cores, fewer workers with more threads above.</value>
    public int? NWorkers { get; init; }

    /// <summary>Threads per worker.</summary>
    /// <value>Default null: cores divided by workers.</value>
    public int? ThreadsPerWorker { get; init; }

    /// <summary>Memory limit per worker, e.g. "4GB", "2GiB", or "auto".</summary>
    /// <value>Default "auto": machine memory divided by workers.</value>
    public string MemoryLimit { get; init; } = "auto";

    /// <summary>Directory for worker logs, spilled data and cached assemblies.</summary>
    /// <value>Default: <c>tessera-UID</c> under the system temp directory, created with mode 0700 (checked to be this
    /// user's, not a link, and closed to others when it exists). A given directory is used as is when it is already
    /// private to this user; otherwise Tessera works in a private <c>tessera-UID</c> directory inside it.</value>
    public string? LocalDirectory { get; init; }

    /// <summary>Workers as separate processes (true) or inside this process (false).</summary>
    /// <value>Default true.</value>
    public bool Processes { get; init; } = true;

    /// <summary>Address the scheduler and workers bind to.</summary>
    /// <value>Default 127.0.0.1.</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// The credentials of every connection (client, scheduler, workers, data plane): mutual TLS on <c>tls://</c> addresses.
    /// Worker processes receive temporary credentials as owner-only files (0600 in a new 0700 directory under
    /// <see cref="CredentialFiles.DefaultRoot"/>), deleted when the cluster closes.
    /// </summary>
    /// <value>Default null: <see cref="Distributed.Security.Temporary"/>, made for this cluster. <see cref="Distributed.Security.None"/> turns security off.</value>
    public Security? Security { get; init; }

    /// <summary>Scheduler port.</summary>
    /// <value>Default 0: any free port.</value>
    public int SchedulerPort { get; init; }

    /// <summary>Dashboard address, <c>host:port</c>, or null for none.</summary>
    /// <value>Default null.</value>
    public string? DashboardAddress { get; init; }

    internal (int Workers, int Threads) Layout()
    {
        int cores = Environment.ProcessorCount;
        int workers = NWorkers ?? (ThreadsPerWorker is int t ? Math.Max(1, cores / t) : cores <= 4 ? cores : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(cores))));
        int threads = ThreadsPerWorker ?? Math.Max(1, cores / Math.Max(1, workers));
        return (workers, threads);
    }
}
