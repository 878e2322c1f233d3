using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>A connected client's outbox and the assemblies it uploaded.</summary>
internal sealed class ClientConnection(string id) : Outbox<SchedulerToClient>
{
    public string Id { get; } = id;

    public List<AssemblyEntry> Manifest { get; } = [];
}
