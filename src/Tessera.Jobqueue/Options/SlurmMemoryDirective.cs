namespace Tessera.Jobqueue;

/// <summary>How a SLURM job asks for its memory.</summary>
public enum SlurmMemoryDirective
{
    /// <summary><c>--mem=</c>: memory for the whole job on its node (dask-jobqueue's choice).</summary>
    Mem,

    /// <summary><c>--mem-per-cpu=</c>: the job's memory divided by its CPUs, for sites that require it.</summary>
    MemPerCpu,
}
