using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>A connected worker's outbox and what it has already been sent.</summary>
internal sealed class WorkerConnection(string id, string name) : Outbox<SchedulerToWorker>
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public HashSet<string> FunctionsSent { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ClientsKnown { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> ManifestSent { get; } = new(StringComparer.Ordinal);
}
