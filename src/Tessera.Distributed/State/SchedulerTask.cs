namespace Tessera.Distributed.State;

/// <summary>One task as the scheduler sees it: identity, graph edges, placement and outcome.</summary>
internal sealed class SchedulerTask(string key, string clientId, string functionId, byte[] args, long[] priority)
{
    public string Key { get; } = key;

    /// <summary>The client whose code the task runs (selects the worker's load context).</summary>
    public string ClientId { get; } = clientId;

    public string FunctionId { get; } = functionId;

    /// <summary>The argument bytes; emptied once a scattered value is held by a worker (it cannot be recomputed).</summary>
    public byte[] Args { get; set; } = args;

    public long[] Priority { get; set; } = priority;

    public string Prefix { get; } = Protocol.KeyCodec.Prefix(key);

    public SchedulerTaskState State { get; set; } = SchedulerTaskState.Released;

    public List<SchedulerTask> Dependencies { get; } = [];

    public HashSet<SchedulerTask> Dependents { get; } = [];

    /// <summary>Dependencies not yet in memory (meaningful while Waiting).</summary>
    public int WaitingOn { get; set; }

    public SchedulerWorker? ProcessingOn { get; set; }

    /// <summary>While queued: the worker whose share of the root queue holds it; null until dealt.</summary>
    public SchedulerWorker? Home { get; set; }

    /// <summary>Seconds this task added to its worker's occupancy when sent (removed exactly on stop).</summary>
    public double ExpectedSeconds { get; set; }

    /// <summary>Result bytes expected when it was sent (its prefix's average then).</summary>
    public long ExpectedBytes { get; set; }

    public HashSet<SchedulerWorker> WhoHas { get; } = [];

    public HashSet<string> WhoWants { get; } = new(StringComparer.Ordinal);

    public long NBytes { get; set; } = -1;

    public string TypeName { get; set; } = "";

    public byte[]? SmallValue { get; set; }

    public Protocol.ErrorInfo? Error { get; set; }

    /// <summary>The task that raised, when this one erred because of a dependency.</summary>
    public string? ErredKey { get; set; }

    /// <summary>A steal request is in flight to this worker.</summary>
    public SchedulerWorker? StealFrom { get; set; }

    /// <summary>Counted as done or erred in its client's progress (recomputations are not counted twice).</summary>
    public bool Counted { get; set; }

    /// <summary>How often the task was lost with its worker (for the retry limit).</summary>
    public int Suspicious { get; set; }

    /// <summary>Root-ish: no dependencies, so it is held at the scheduler and released to free slots.</summary>
    public bool IsRootish => Dependencies.Count == 0;

    /// <summary>A value the client scattered: its bytes are dropped once a worker holds it, so losing it fails its dependents.</summary>
    public bool Scattered { get; init; }

    public override string ToString() => $"{Key} ({State})";
}
