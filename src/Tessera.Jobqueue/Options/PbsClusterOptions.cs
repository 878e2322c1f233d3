namespace Tessera.Jobqueue;

/// <summary>Options of workers started as PBS jobs (<c>qsub</c>); config section <c>jobqueue:pbs</c>.</summary>
public sealed record PbsClusterOptions : JobQueueClusterOptions
{
    /// <inheritdoc />
    public override JobQueueBackend Backend => JobQueueBackend.Pbs;

    /// <summary>CPUs asked in <c>-l select=1:ncpus=N</c>.</summary>
    /// <value>Default null: <see cref="JobQueueClusterOptions.Cores"/>.</value>
    public int? JobCpu { get; init { if (value is int v) ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(JobCpu)); field = value; } }

    /// <summary>Memory asked in <c>-l select=...:mem=</c>, e.g. "16GB".</summary>
    /// <value>Default null: <see cref="JobQueueClusterOptions.Memory"/>.</value>
    public string? JobMem { get; init { if (value is not null) MemorySize.Parse(value); field = value; } }

    /// <summary>The whole <c>-l</c> resource request, replacing the generated <c>select=1:ncpus=N:mem=M</c>.</summary>
    /// <value>Default null: generated from the CPUs and memory.</value>
    public string? ResourceSpec { get; init; }
}
