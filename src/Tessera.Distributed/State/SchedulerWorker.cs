namespace Tessera.Distributed.State;

/// <summary>One connected worker as the scheduler sees it.</summary>
internal sealed class SchedulerWorker(string id, string name, string dataAddress, string host, int nthreads, long memoryLimit)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string DataAddress { get; } = dataAddress;

    public string Host { get; } = host;

    public int NThreads { get; } = Math.Max(1, nthreads);

    public long MemoryLimit { get; } = memoryLimit;

    public int Pid { get; set; }

    public string LocalDirectory { get; set; } = "";

    public HashSet<SchedulerTask> Processing { get; } = [];

    public HashSet<SchedulerTask> HasWhat { get; } = [];

    /// <summary>Bytes of results held (sum of NBytes over <see cref="HasWhat"/>).</summary>
    public long NBytes { get; set; }

    /// <summary>Expected seconds of work sent and not finished.</summary>
    public double Occupancy { get; set; }

    /// <summary>Result bytes expected from the tasks it processes (sum of their estimates when sent).</summary>
    public long ExpectedBytes { get; set; }

    /// <summary>Reported by heartbeats.</summary>
    public long Memory { get; set; }

    public int Executing { get; set; }

    public int Ready { get; set; }

    /// <summary>Bytes the worker has spilled to disk (heartbeat).</summary>
    public long Spilled { get; set; }

    /// <summary>The worker process's resident bytes at the last heartbeat; 0 when not monitored (heartbeat).</summary>
    public long ProcessMemory { get; set; }

    /// <summary>Over its memory pause threshold: it runs nothing new, so it is sent no queued work.</summary>
    public bool Paused { get; set; }

    /// <summary>While retiring: keys whose only copy it holds and that are being replicated elsewhere.</summary>
    public HashSet<string> RetiringKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Closing workers take no new work.</summary>
    public bool Closing { get; set; }

    /// <summary>This worker's share of the queued root-ish tasks, a contiguous run of them in priority order (see <c>SchedulerState.DealRoots</c>).</summary>
    public SortedSet<SchedulerTask> HomeQueue { get; } = new(PriorityComparer.Instance);

    /// <summary>Why it is leaving, as it or the scheduler said before it left (null: it just disappeared).</summary>
    public string? LeaveReason { get; set; }

    /// <summary>It is leaving because something went wrong (terminated past its memory limit), not on purpose.</summary>
    public bool LeaveFailure { get; set; }

    /// <summary>Slots the queue may fill: Dask's worker-saturation 1.1 over the thread count.</summary>
    public int Slots => (int)Math.Min(int.MaxValue, Math.Ceiling(NThreads * 1.1));

    public override string ToString() => $"{Name} ({DataAddress})";
}
