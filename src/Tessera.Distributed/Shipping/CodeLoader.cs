using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using System.Runtime.Serialization;
using System.Text;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Turns shipped bytes back into functions, arguments and values. On a worker there is one per client: its user
/// assemblies load by content hash into a collectible <see cref="AssemblyLoadContext"/> (unloaded by
/// <see cref="Dispose"/>). <see cref="Default"/> resolves in the default context (the client side). Every type a
/// payload names must come from the client's assemblies, Tessera, or the framework allow-list. Thread-safe.
/// </summary>
internal sealed partial class CodeLoader : IDisposable
{
    private static readonly Assembly TesseraCore = typeof(TaskFunction).Assembly;
    private static readonly Assembly TesseraDistributed = typeof(CodeLoader).Assembly;

    private readonly Func<string, byte[]>? _fetchAssembly;
    private readonly ClientLoadContext? _context;
    private readonly ConcurrentDictionary<string, string> _manifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _manifestBySimpleName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Assembly> _assemblies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Assembly, ConcurrentDictionary<string, Type>> _types = new();
    private readonly ConcurrentDictionary<(Type, int, Type[]), MethodInfo> _methods = new(MethodKeyComparer.Instance);
    private readonly Lock _loadLock = new();
    private volatile bool _disposed;

    /// <summary>Creates the loader of one client's code on a worker.</summary>
    /// <param name="clientId">The client's id (names the load context).</param>
    /// <param name="fetchAssembly">Returns an assembly's bytes by hash; called synchronously the first time it is needed.</param>
    public CodeLoader(string clientId, Func<string, byte[]> fetchAssembly)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(fetchAssembly);
        ClientId = clientId;
        _fetchAssembly = fetchAssembly;
        _context = new ClientLoadContext(clientId, LoadForContext);
    }

    private CodeLoader()
    {
        ClientId = "default";
    }

    /// <summary>The loader that resolves in <see cref="AssemblyLoadContext.Default"/> (for the client process itself).</summary>
    public static CodeLoader Default { get; } = new();

    /// <summary>The client this loader serves.</summary>
    public string ClientId { get; }

    /// <summary>The context user types load into: the client's collectible one, or the default context.</summary>
    public AssemblyLoadContext LoadContext => _context ?? AssemblyLoadContext.Default;

    /// <summary>Records assemblies the client has uploaded (full name and hash); later payloads may use their types.</summary>
    public void AddManifest(IEnumerable<(string FullName, string Hash)> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var (fullName, hash) in assemblies)
        {
            _manifest[fullName] = hash;
            string? simple = new AssemblyName(fullName).Name;
            if (simple is not null)
            {
                _manifestBySimpleName[simple] = fullName;
            }
        }
    }

    /// <summary>Decodes a task function encoded by <see cref="CodeShipper.EncodeFunction"/>.</summary>
    public TaskFunction DecodeFunction(ReadOnlySpan<byte> bytes)
    {
        var reader = new PayloadReader(bytes, this);
        try
        {
            TaskFunction function = reader.ReadFunction();
            reader.EnsureEnd();
            return function;
        }
        catch (Exception e) when (IsPayloadError(e))
        {
            throw Wrap(e);
        }
    }

    /// <summary>Decodes task arguments encoded by <see cref="CodeShipper.EncodeArgs"/>.</summary>
    public TaskArg[] DecodeArgs(ReadOnlySpan<byte> bytes)
    {
        var reader = new PayloadReader(bytes, this);
        try
        {
            TaskArg[] args = reader.ReadArgs();
            reader.EnsureEnd();
            return args;
        }
        catch (Exception e) when (IsPayloadError(e))
        {
            throw Wrap(e);
        }
    }

    /// <summary>Decodes a value encoded by <see cref="CodeShipper.EncodeValue"/>.</summary>
    public object? DecodeValue(ReadOnlySpan<byte> bytes)
    {
        var reader = new PayloadReader(bytes, this);
        try
        {
            object? value = reader.ReadValue();
            reader.EnsureEnd();
            return value;
        }
        catch (Exception e) when (IsPayloadError(e))
        {
            throw Wrap(e);
        }
    }

    /// <summary>Unloads the client's load context (not for <see cref="Default"/>); the assemblies go once nothing references them.</summary>
    public void Dispose()
    {
        if (_context is null || _disposed)
        {
            return;
        }

        _disposed = true;
        _types.Clear();
        _methods.Clear();
        _assemblies.Clear();
        _context.Unload();
    }

    /// <summary>Resolves an assembly named in a payload: Tessera and the framework from the default context, others from the manifest.</summary>
    internal Assembly ResolveAssembly(string fullName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_assemblies.TryGetValue(fullName, out var cached))
        {
            return cached;
        }

        var name = new AssemblyName(fullName);
        Assembly assembly;
        if (ShippingPolicy.IsSharedName(name.Name))
        {
            assembly = string.Equals(name.Name, "Tessera", StringComparison.Ordinal) ? TesseraCore : TesseraDistributed;
        }
        else if (ShippingPolicy.IsFrameworkName(name))
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        else if (_context is null)
        {
            assembly = FindLoaded(AssemblyLoadContext.Default, fullName) ?? LoadDefault(name);
        }
        else
        {
            if (!_manifest.ContainsKey(fullName))
            {
                throw new SerializationException($"Assembly '{fullName}' is not in the manifest of client '{ClientId}'; the client must upload it first.");
            }

            assembly = _context.LoadFromAssemblyName(name);
        }

        _assemblies.TryAdd(fullName, assembly);
        return assembly;
    }

    /// <summary>Resolves an assembly named by UTF-8 bytes; a cache hit allocates nothing (the per-task path).</summary>
    internal Assembly ResolveAssembly(ReadOnlySpan<byte> utf8FullName)
    {
        Span<char> buffer = utf8FullName.Length <= 512 ? stackalloc char[utf8FullName.Length] : new char[utf8FullName.Length];
        ReadOnlySpan<char> chars = buffer[..Encoding.UTF8.GetChars(utf8FullName, buffer)];
        return _assemblies.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var cached) ? cached : ResolveAssembly(chars.ToString());
    }

    /// <summary>Finds a type named by UTF-8 bytes in <paramref name="assembly"/>; a cache hit allocates nothing.</summary>
    internal Type ResolveType(Assembly assembly, ReadOnlySpan<byte> utf8FullName)
    {
        Span<char> buffer = utf8FullName.Length <= 512 ? stackalloc char[utf8FullName.Length] : new char[utf8FullName.Length];
        ReadOnlySpan<char> chars = buffer[..Encoding.UTF8.GetChars(utf8FullName, buffer)];
        return _types.TryGetValue(assembly, out var byName) && byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var cached)
            ? cached
            : ResolveType(assembly, chars.ToString());
    }

    /// <summary>Finds a named type in <paramref name="assembly"/> and applies the type policy.</summary>
    internal Type ResolveType(Assembly assembly, string fullName)
    {
        ConcurrentDictionary<string, Type> byName = _types.GetOrAdd(assembly, static _ => new ConcurrentDictionary<string, Type>(StringComparer.Ordinal));
        if (byName.TryGetValue(fullName, out var cached))
        {
            return cached;
        }

        Type type = assembly.GetType(fullName, throwOnError: false)
            ?? throw new SerializationException($"Type '{fullName}' was not found in assembly '{assembly.FullName}' (client '{ClientId}').");
        if (!ShippingPolicy.IsShared(assembly) && ShippingPolicy.IsFramework(assembly) && !ShippingPolicy.IsAllowedFrameworkType(type))
        {
            throw new SerializationException(
                $"Type '{type.FullName}' may not appear in a payload from client '{ClientId}': only the client's own assemblies, Tessera and an allow-list of framework types (primitives, collections, tuples, numerics, standard delegates) can be decoded.");
        }

        byName.TryAdd(fullName, type);
        return type;
    }

    /// <summary>Closes a generic definition, reporting constraint violations as payload errors.</summary>
    internal Type MakeGenericType(Type definition, Type[] args)
    {
        try
        {
            return definition.MakeGenericType(args);
        }
        catch (ArgumentException e)
        {
            throw new SerializationException($"Cannot close {definition} over [{string.Join(", ", (IEnumerable<Type>)args)}] (client '{ClientId}').", e);
        }
    }

    /// <summary>Finds the method a delegate calls by metadata token, after checking the module is the one the client compiled against.</summary>
    internal MethodInfo ResolveMethod(Type declaring, int token, Guid mvid, Type[] genericArgs)
    {
        if (_methods.TryGetValue((declaring, token, genericArgs), out var cached))
        {
            return cached;
        }

        if (declaring.Module.ModuleVersionId != mvid)
        {
            throw new SerializationException(
                $"The module of {declaring} on this worker (MVID {declaring.Module.ModuleVersionId}) differs from the client's ({mvid}); the client and worker run different builds.");
        }

        MethodBase? method;
        try
        {
            method = declaring.Module.ResolveMethod(token);
        }
        catch (ArgumentException e)
        {
            throw new SerializationException($"Token 0x{token:x8} is not a method of {declaring}.", e);
        }

        if (method is not MethodInfo info || info.DeclaringType?.IsGenericType != declaring.IsGenericType)
        {
            throw new SerializationException($"Token 0x{token:x8} is not a method of {declaring}.");
        }

        if (declaring.IsConstructedGenericType)
        {
            info = (MethodInfo)declaring.GetMemberWithSameMetadataDefinitionAs(info);
        }
        else if (info.DeclaringType != declaring)
        {
            throw new SerializationException($"Token 0x{token:x8} is a method of {info.DeclaringType}, not of {declaring}.");
        }

        if (genericArgs.Length > 0)
        {
            if (!info.IsGenericMethodDefinition || info.GetGenericArguments().Length != genericArgs.Length)
            {
                throw new SerializationException($"{declaring}.{info.Name} does not take {genericArgs.Length} type argument(s).");
            }

            try
            {
                info = info.MakeGenericMethod(genericArgs);
            }
            catch (ArgumentException e)
            {
                throw new SerializationException($"Cannot close {declaring}.{info.Name} over the shipped type arguments.", e);
            }
        }

        _methods.TryAdd((declaring, token, genericArgs), info);
        return info;
    }
}
