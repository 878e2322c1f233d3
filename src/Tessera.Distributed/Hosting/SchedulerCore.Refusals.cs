using Grpc.Core;
using Tessera.Distributed.Hardening;

namespace Tessera.Distributed.Hosting;

internal sealed partial class SchedulerCore
{
    private long _refusals;

    /// <summary>Peers refused so far for invalid or undecodable messages.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    /// <summary>Where refusals are logged (one line each, naming the peer); default standard error.</summary>
    public Action<string> Log { get; set; } = static line => Console.Error.WriteLine(line);

    /// <summary>Assemblies that only <paramref name="gone"/> had uploaded: dropped once no connected client lists them.</summary>
    private void EvictAssemblies(ClientConnection gone)
    {
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClientConnection c in _clients.Values)
        {
            foreach (Protocol.AssemblyEntry a in c.Manifest)
            {
                inUse.Add(a.Hash);
            }
        }

        foreach (Protocol.AssemblyEntry a in gone.Manifest)
        {
            if (!inUse.Contains(a.Hash))
            {
                _assemblies.TryRemove(a.Hash, out _);
            }
        }
    }

    /// <summary>Assemblies held for workers to fetch (for tests and the dashboard).</summary>
    public int AssemblyCount => _assemblies.Count;

    /// <summary>Shipped functions held for tasks (for tests and the dashboard); dropped once no task uses them after a client leaves.</summary>
    public int FunctionCount
    {
        get
        {
            lock (_gate)
            {
                return _state.Functions.Count;
            }
        }
    }

    /// <summary>
    /// Logs why a peer is refused and returns the error that ends its call. Validation failures are named to the
    /// peer; any other failure (a decoding error, a bug exposed by the input) is reported to it as one decode
    /// error, without server details.
    /// </summary>
    public RpcException Refuse(string kind, string peer, Exception e)
    {
        Interlocked.Increment(ref _refusals);
        string why = e is ProtocolViolationException ? e.Message : $"undecodable or unexpected input ({e.GetType().Name}: {e.Message})";
        try
        {
            Log($"tessera scheduler: refused {kind} at {peer}: {why}");
        }
        catch (Exception logError) when (logError is IOException or ObjectDisposedException)
        {
            // A closed standard error must not turn a refusal into a crash.
        }

        return e is RpcException { StatusCode: StatusCode.ResourceExhausted } r
            ? r
            : new RpcException(new Status(StatusCode.InvalidArgument, e is ProtocolViolationException ? e.Message : $"The {kind}'s message could not be decoded."));
    }
}
