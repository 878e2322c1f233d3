namespace Tessera.Jobqueue;

/// <summary>Options of workers started as SLURM jobs (<c>sbatch</c>); config section <c>jobqueue:slurm</c>.</summary>
public sealed record SlurmClusterOptions : JobQueueClusterOptions
{
    /// <inheritdoc />
    public override JobQueueBackend Backend => JobQueueBackend.Slurm;

    /// <summary>CPUs asked with <c>--cpus-per-task</c>.</summary>
    /// <value>Default null: <see cref="JobQueueClusterOptions.Cores"/>.</value>
    public int? JobCpu { get; init { if (value is int v) ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(JobCpu)); field = value; } }

    /// <summary>Memory asked with <c>--mem</c> (or divided by the CPUs for <c>--mem-per-cpu</c>), e.g. "16GB".</summary>
    /// <value>Default null: <see cref="JobQueueClusterOptions.Memory"/>.</value>
    public string? JobMem { get; init { if (value is not null) MemorySize.Parse(value); field = value; } }

    /// <summary>Whether memory is asked per job (<c>--mem</c>) or per CPU (<c>--mem-per-cpu</c>).</summary>
    /// <value>Default <see cref="SlurmMemoryDirective.Mem"/>.</value>
    public SlurmMemoryDirective MemoryDirective { get; init; } = SlurmMemoryDirective.Mem;
}
