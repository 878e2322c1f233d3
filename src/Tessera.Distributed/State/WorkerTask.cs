using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

/// <summary>One key on a worker: a task to run here, or a dependency fetched for one.</summary>
internal sealed class WorkerTask(string key)
{
    public string Key { get; } = key;

    public WorkerTaskState State { get; set; } = WorkerTaskState.Fetch;

    /// <summary>The scheduler's compute message, when this worker is to run the task.</summary>
    public ComputeTask? Compute { get; set; }

    public bool IsCompute => Compute is not null;

    /// <summary>A copy kept on the scheduler's request (from a retiring peer); released only by the scheduler.</summary>
    public bool Replica { get; set; }

    /// <summary>Whose code decodes the value, for replicas (computed tasks carry it in <see cref="Compute"/>).</summary>
    public string ClientId { get; set; } = "";

    public long[] Priority { get; set; } = [];

    public List<WorkerTask> Dependencies { get; } = [];

    public HashSet<WorkerTask> Dependents { get; } = [];

    /// <summary>Peers (data addresses) that hold this dependency, best first.</summary>
    public List<string> WhoHas { get; } = [];

    public long NBytes { get; set; }

    /// <summary>Dependencies still missing (meaningful while Waiting).</summary>
    public int WaitingOn { get; set; }

    public override string ToString() => $"{Key} ({State})";
}
