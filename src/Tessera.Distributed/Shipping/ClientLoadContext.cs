using System.Reflection;
using System.Runtime.Loader;

namespace Tessera.Distributed.Shipping;

/// <summary>The collectible load context holding one client's shipped assemblies on a worker.</summary>
internal sealed class ClientLoadContext : AssemblyLoadContext
{
    private readonly Func<AssemblyName, Assembly?> _resolve;

    /// <summary>Creates the context; <paramref name="resolve"/> decides where each requested assembly comes from.</summary>
    public ClientLoadContext(string clientId, Func<AssemblyName, Assembly?> resolve)
        : base($"tessera-client-{clientId}", isCollectible: true) => _resolve = resolve;

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName) => _resolve(assemblyName);
}
