namespace Tessera.Jobqueue;

/// <summary>Options of workers started as SGE jobs (<c>qsub</c>); config section <c>jobqueue:sge</c>.</summary>
public sealed record SgeClusterOptions : JobQueueClusterOptions
{
    /// <inheritdoc />
    public override JobQueueBackend Backend => JobQueueBackend.Sge;

    /// <summary>Parallel environment asking for the cores, rendered <c>-pe NAME CORES</c>, e.g. "smp".</summary>
    /// <value>Default null: no <c>-pe</c> line (one slot).</value>
    public string? ParallelEnvironment { get; init; }

    /// <summary>Resource request rendered <c>-l SPEC</c>, e.g. "h_vmem=16G,m_mem_free=16G".</summary>
    /// <value>Default null: no resource line besides the walltime.</value>
    public string? ResourceSpec { get; init; }
}
