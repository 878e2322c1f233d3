namespace Tessera.Jobqueue;

/// <summary>
/// Workers started as SLURM jobs, as dask-jobqueue's <c>SlurmCluster</c>: <c>sbatch</c> submits one job per
/// <see cref="JobQueueClusterOptions.Processes"/> workers, <c>squeue</c> tracks them, <c>scancel</c> stops them.
/// <code>
/// await using var cluster = new SlurmCluster(new SlurmClusterOptions { Cores = 2, Memory = "16GB", Queue = "cpu19_rh8", Interface = "ib0", LogDirectory = "logs" });
/// cluster.Scale(jobs: 4);
/// await using var client = await Client.ConnectAsync(cluster);
/// </code>
/// </summary>
public sealed class SlurmCluster : JobQueueCluster
{
    /// <summary>Creates the cluster; nothing is submitted before it starts (<c>Client.ConnectAsync(cluster)</c> or <see cref="Tessera.Distributed.Cluster.StartAsync"/>).</summary>
    /// <param name="options">Options; default <c>new SlurmClusterOptions()</c> (with config-file defaults, use <see cref="JobQueueConfiguration"/>).</param>
    /// <param name="runner">Runs sbatch, squeue and scancel; default a <see cref="CommandRunner"/>.</param>
    /// <param name="timeProvider">Clock for job polling, pending timeouts and the time jobs have run; default <see cref="TimeProvider.System"/>.</param>
    public SlurmCluster(SlurmClusterOptions? options = null, ICommandRunner? runner = null, TimeProvider? timeProvider = null)
        : base(options ?? new SlurmClusterOptions(), runner, timeProvider)
    {
    }

    /// <summary>The SLURM options of this cluster.</summary>
    public new SlurmClusterOptions Options => (SlurmClusterOptions)base.Options;
}
