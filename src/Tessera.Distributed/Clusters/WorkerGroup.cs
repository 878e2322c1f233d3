namespace Tessera.Distributed;

/// <summary>Workers started together: one process for a local cluster, one batch job for SLURM.</summary>
public abstract class WorkerGroup : IAsyncDisposable
{
    /// <summary>Creates a group.</summary>
    /// <param name="name">Unique within its cluster.</param>
    protected WorkerGroup(string name) => Name = name;

    /// <summary>The group's name; its workers are named after it.</summary>
    public string Name { get; }

    /// <summary>True once the group's process or job has ended.</summary>
    public abstract bool HasExited { get; }

    /// <summary>
    /// True once the group is leaving on its own soon (a batch job whose workers' lifetime is ending): the
    /// cluster no longer counts it as capacity and starts a replacement, never picks it to close on a
    /// scale-down, but still closes it with the others, and does not replace it again when it ends.
    /// </summary>
    /// <value>Default false.</value>
    public virtual bool IsLeaving => false;

    /// <summary>Where to look when the group fails (log files, job id), for error messages.</summary>
    public abstract string Describe();

    /// <summary>Stops the group's workers and whatever runs them.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Completes when the group's workers have ended (crashed, killed, terminated for memory or disposed).</summary>
    internal virtual Task Exited => Never;

    private static Task Never { get; } = new TaskCompletionSource().Task;
}
