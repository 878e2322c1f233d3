using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Serialization;

namespace Tessera.Distributed.Shipping;

internal sealed partial class CodeLoader
{
    // Hashes of files already loaded in the default context, so each is read at most once per process.
    private static readonly ConcurrentDictionary<string, string> FileHashes = new(StringComparer.Ordinal);

    private static bool IsPayloadError(Exception e) =>
        e is InvalidCastException or OverflowException or IndexOutOfRangeException or FileNotFoundException or FileLoadException
            or BadImageFormatException or InsufficientExecutionStackException or (ArgumentException and not UnshippableCaptureException);

    private static SerializationException Wrap(Exception e) => new($"Cannot decode the shipped payload: {e.Message}", e);

    private static Assembly? FindLoaded(AssemblyLoadContext context, string fullName)
    {
        foreach (Assembly a in context.Assemblies)
        {
            if (string.Equals(a.FullName, fullName, StringComparison.Ordinal))
            {
                return a;
            }
        }

        return null;
    }

    private static Assembly LoadDefault(AssemblyName name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException e)
        {
            throw new SerializationException($"Assembly '{name.FullName}' is not available in this process.", e);
        }
    }

    private static string HashOfFile(string path) =>
        FileHashes.GetOrAdd(path, static p => CodeShipper.Hash(File.ReadAllBytes(p)));

    /// <summary>
    /// Where the client context gets an assembly: Tessera and the framework from the default context (null); a manifest
    /// assembly from the default context when the very same file is already there or in the app directory (so types
    /// like Tessera.Arrays' are shared with the host), else from the client's uploaded bytes; anything else is unknown (null).
    /// </summary>
    private Assembly? LoadForContext(AssemblyName name)
    {
        if (ShippingPolicy.IsSharedName(name.Name) || ShippingPolicy.IsFrameworkName(name) || _disposed)
        {
            return null;
        }

        string? fullName = _manifest.ContainsKey(name.FullName) ? name.FullName
            : name.Name is not null && _manifestBySimpleName.TryGetValue(name.Name, out var byName) ? byName : null;
        if (fullName is null || !_manifest.TryGetValue(fullName, out var hash))
        {
            return null;
        }

        Assembly? shared = FindLoaded(AssemblyLoadContext.Default, fullName);
        if (shared is not null && !shared.IsDynamic && shared.Location.Length > 0 && HashOfFile(shared.Location) == hash)
        {
            return shared;
        }

        string local = Path.Combine(AppContext.BaseDirectory, new AssemblyName(fullName).Name + ".dll");
        if (shared is null && File.Exists(local) && HashOfFile(local) == hash)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(local);
        }

        lock (_loadLock)
        {
            // Another thread may have loaded it into this context meanwhile.
            Assembly? mine = FindLoaded(_context!, fullName);
            if (mine is not null)
            {
                return mine;
            }

            byte[] bytes = _fetchAssembly!(hash);
            if (CodeShipper.Hash(bytes) != hash)
            {
                throw new SerializationException($"The bytes fetched for assembly '{fullName}' do not match its hash {hash}.");
            }

            using var stream = new MemoryStream(bytes, writable: false);
            return _context!.LoadFromStream(stream);
        }
    }

    /// <summary>Compares method cache keys by declaring type, token and generic arguments.</summary>
    private sealed class MethodKeyComparer : IEqualityComparer<(Type, int, Type[])>
    {
        public static readonly MethodKeyComparer Instance = new();

        public bool Equals((Type, int, Type[]) x, (Type, int, Type[]) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3.AsSpan().SequenceEqual(y.Item3);

        public int GetHashCode((Type, int, Type[]) obj)
        {
            var h = new HashCode();
            h.Add(obj.Item1);
            h.Add(obj.Item2);
            foreach (Type t in obj.Item3)
            {
                h.Add(t);
            }

            return h.ToHashCode();
        }
    }
}
