namespace Tessera.Distributed;

/// <summary>A worker as clients and clusters show it.</summary>
/// <param name="Name">Unique worker name.</param>
/// <param name="DataAddress">Where its results are served, <c>tcp://host:port</c>.</param>
/// <param name="Threads">Threads that run tasks.</param>
/// <param name="MemoryLimit">Bytes it may hold; 0 for none.</param>
/// <param name="Memory">Bytes of results held at the last heartbeat.</param>
/// <param name="Pid">Process id on its host.</param>
public sealed record WorkerDescription(string Name, string DataAddress, int Threads, long MemoryLimit, long Memory, int Pid)
{
    internal static WorkerDescription From(Protocol.WorkerInfo w) => new(w.Name, w.DataAddress, w.Nthreads, w.MemoryLimit, w.Memory, w.Pid);
}
