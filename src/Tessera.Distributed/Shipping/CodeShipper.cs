using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// The client side of code shipping: encodes task functions, arguments and values into compact payloads, refusing
/// captures that only mean something in this process, and keeps track of the user assemblies those payloads need so
/// they can be uploaded (once each) by content hash. Thread-safe; one per client.
/// </summary>
internal sealed class CodeShipper
{
    private readonly Lock _lock = new();
    private readonly HashSet<Assembly> _noted = [];
    private readonly List<Assembly> _pending = [];

    /// <summary>Creates a shipper with no assemblies noted yet.</summary>
    public CodeShipper()
    {
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/> (assembly hashes and function ids).</summary>
    public static string Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Encodes a task function: its name, arity, user delegate (method reference and captured fields) and invoker.</summary>
    /// <exception cref="UnshippableCaptureException">A capture cannot ship; the message names the field.</exception>
    public byte[] EncodeFunction(TaskFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        PayloadWriter writer = PayloadWriter.Rent(function.Name);
        try
        {
            writer.WriteFunction(function);
            return Finish(writer);
        }
        finally
        {
            writer.Return();
        }
    }

    /// <summary>Encodes task arguments: literals, references to keys, nested lists and inline tasks.</summary>
    /// <exception cref="UnshippableCaptureException">A literal or an inline function cannot ship.</exception>
    public byte[] EncodeArgs(IReadOnlyList<TaskArg> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        PayloadWriter writer = PayloadWriter.Rent("task arguments");
        try
        {
            writer.WriteArgs(args);
            return Finish(writer);
        }
        finally
        {
            writer.Return();
        }
    }

    /// <summary>Encodes one value (null, primitives, collections, user types by fields, NDArrays, delegates …).</summary>
    /// <exception cref="UnshippableCaptureException">The value or something it references cannot ship.</exception>
    public byte[] EncodeValue(object? value)
    {
        PayloadWriter writer = PayloadWriter.Rent(value?.GetType().Name ?? "null");
        try
        {
            writer.WriteValue(value);
            return Finish(writer);
        }
        finally
        {
            writer.Return();
        }
    }

    /// <summary>
    /// The user assemblies needed by everything encoded so far that were not returned before, with their loaded
    /// references (transitively); framework assemblies, Tessera and Tessera.Distributed are never included.
    /// </summary>
    /// <exception cref="IOException">An assembly file cannot be read.</exception>
    public IReadOnlyList<ShippedAssembly> TakeNewAssemblies()
    {
        Assembly[] taken;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return [];
            }

            taken = [.. _pending];
            _pending.Clear();
        }

        var result = new List<ShippedAssembly>(taken.Length);
        foreach (Assembly assembly in taken)
        {
            byte[] bytes = File.ReadAllBytes(assembly.Location);
            result.Add(new ShippedAssembly(assembly.FullName!, Hash(bytes), bytes));
        }

        return result;
    }

    private static bool Ships(Assembly assembly) =>
        !ShippingPolicy.IsShared(assembly) && !assembly.IsDynamic && assembly.Location.Length > 0 && !ShippingPolicy.IsFramework(assembly);

    private static Assembly? FindReference(Assembly from, AssemblyName reference)
    {
        // Prefer the context the referencing assembly lives in (a plugin's own copy), then any loaded one.
        AssemblyLoadContext? own = AssemblyLoadContext.GetLoadContext(from);
        IEnumerable<Assembly> candidates = own is null ? [] : own.Assemblies;
        foreach (IEnumerable<Assembly> set in new[] { candidates, AssemblyLoadContext.Default.Assemblies })
        {
            foreach (Assembly a in set)
            {
                if (string.Equals(a.GetName().Name, reference.Name, StringComparison.OrdinalIgnoreCase))
                {
                    return a;
                }
            }
        }

        return null;
    }

    private byte[] Finish(PayloadWriter writer)
    {
        IReadOnlyList<Assembly> named = writer.Assemblies;
        if (named.Count > 0)
        {
            lock (_lock)
            {
                for (int i = 0; i < named.Count; i++)
                {
                    Note(named[i]);
                }
            }
        }

        return writer.ToArray();
    }

    private void Note(Assembly assembly)
    {
        // Set membership first: Location and GetName allocate, and most payloads name assemblies seen before.
        if (!_noted.Add(assembly) || !Ships(assembly))
        {
            return;
        }

        _pending.Add(assembly);
        foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
        {
            if (FindReference(assembly, reference) is { } loaded)
            {
                Note(loaded);
            }
        }
    }
}
