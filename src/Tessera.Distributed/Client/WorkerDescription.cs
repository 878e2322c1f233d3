namespace Tessera.Distributed;

/// <summary>A worker as clients and clusters show it; the load and memory figures are those of its last heartbeat.</summary>
/// <param name="Name">Unique worker name.</param>
/// <param name="DataAddress">Where its results are served, <c>tcp://host:port</c>.</param>
/// <param name="Threads">Threads that run tasks.</param>
/// <param name="MemoryLimit">Bytes it may hold; 0 for none.</param>
/// <param name="Memory">Bytes of results held in memory at the last heartbeat (managed memory, as <see cref="Managed"/>).</param>
/// <param name="Pid">Process id on its host.</param>
public sealed record WorkerDescription(string Name, string DataAddress, int Threads, long MemoryLimit, long Memory, int Pid)
{
    /// <summary>Bytes of results held in memory (Dask's managed memory); the same as <see cref="Memory"/>.</summary>
    public long Managed => Memory;

    /// <summary>Bytes of results spilled to the worker's local directory.</summary>
    /// <value>Default 0.</value>
    public long Spilled { get; init; }

    /// <summary>
    /// Resident bytes of the worker's process; 0 when not monitored (a worker with no memory limit, or one that shares
    /// its process: <c>LocalCluster</c> with <c>Processes = false</c>).
    /// </summary>
    /// <value>Default 0.</value>
    public long ProcessMemory { get; init; }

    /// <summary>Bytes of process memory that are not results (Dask's unmanaged memory: the runtime, buffers, garbage): <see cref="ProcessMemory"/> less <see cref="Managed"/>, at least 0; 0 when process memory is not monitored.</summary>
    public long Unmanaged => Math.Max(0, ProcessMemory - Managed);

    /// <summary>Whether the worker is paused for memory (past its pause fraction: it starts no task and no fetch).</summary>
    /// <value>Default false.</value>
    public bool Paused { get; init; }

    internal static WorkerDescription From(Protocol.WorkerInfo w) =>
        new(w.Name, w.DataAddress, w.Nthreads, w.MemoryLimit, w.Memory, w.Pid) { Spilled = w.Spilled, ProcessMemory = w.ProcessMemory, Paused = w.Paused };
}
