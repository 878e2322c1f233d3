namespace Tessera.Jobqueue;

/// <summary>Where a submitted job is, as the batch system's status command tells it.</summary>
public enum JobState
{
    /// <summary>Waiting in the queue (SLURM PENDING).</summary>
    Pending,

    /// <summary>Running on a node (SLURM RUNNING).</summary>
    Running,

    /// <summary>Ending: its processes are being stopped (SLURM COMPLETING).</summary>
    Ending,

    /// <summary>No longer in the queue: finished, cancelled, failed or timed out.</summary>
    Ended,
}
