using System.Numerics;
using System.Reflection;
using System.Runtime.ConstrainedExecution;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Which assemblies ship, which are shared, and which framework types may appear in a payload. The encoder refuses
/// what the decoder would refuse, so users learn at submit time rather than from a worker's error.
/// </summary>
internal static class ShippingPolicy
{
    private const string ProcessBound = "streams, handles and threads belong to this process; open or create it inside the task instead.";

    private static readonly Assembly TesseraCore = typeof(TaskFunction).Assembly;
    private static readonly Assembly TesseraDistributed = typeof(ShippingPolicy).Assembly;
    private static readonly Assembly CoreLib = typeof(object).Assembly;

    // Public key tokens of the .NET and ASP.NET Core framework assemblies.
    private static readonly HashSet<string> FrameworkTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "b03f5f7f11d50a3a", "7cec85d7bea7798e", "cc7b13ffcd2ddd51", "adb9793829ddae60", "31bf3856ad364e35",
    };

    // ".../shared/Microsoft.NETCore.App/10.0.x/" → ".../shared/": covers the ASP.NET Core shared framework too.
    private static readonly string SharedFrameworkRoot = ComputeSharedRoot();

    private static readonly Dictionary<string, string> TrustedPlatformAssemblies = LoadTpa();

    private static readonly HashSet<Type> AllowedFrameworkTypes =
    [
        typeof(object), typeof(string), typeof(decimal), typeof(DateTime), typeof(TimeSpan), typeof(DateTimeOffset),
        typeof(Guid), typeof(Half), typeof(Int128), typeof(UInt128), typeof(Index), typeof(Range), typeof(Nullable<>),
        typeof(DateOnly), typeof(TimeOnly), typeof(Math), typeof(MathF), typeof(Complex), typeof(BigInteger),
        typeof(StringComparer),
    ];

    /// <summary>Whether <paramref name="assembly"/> is Tessera or Tessera.Distributed, which every worker has.</summary>
    public static bool IsShared(Assembly assembly) => assembly == TesseraCore || assembly == TesseraDistributed;

    /// <summary>Whether the simple name is one of the always-shared Tessera assemblies.</summary>
    public static bool IsSharedName(string? simpleName) =>
        string.Equals(simpleName, "Tessera", StringComparison.Ordinal) || string.Equals(simpleName, "Tessera.Distributed", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="assembly"/> belongs to the shared framework (never shipped).</summary>
    public static bool IsFramework(Assembly assembly)
    {
        if (assembly == CoreLib)
        {
            return true;
        }

        if (assembly.IsDynamic || IsShared(assembly))
        {
            return false;
        }

        string location = assembly.Location;
        if (location.Length > 0 && location.StartsWith(SharedFrameworkRoot, StringComparison.Ordinal))
        {
            return true;
        }

        return IsFrameworkName(assembly.GetName());
    }

    /// <summary>Whether an assembly name denotes a framework assembly: a platform assembly under the shared framework or signed by Microsoft.</summary>
    public static bool IsFrameworkName(AssemblyName name)
    {
        if (name.Name is null || !TrustedPlatformAssemblies.TryGetValue(name.Name, out var path))
        {
            return false;
        }

        if (path.StartsWith(SharedFrameworkRoot, StringComparison.Ordinal))
        {
            return true;
        }

        byte[]? token = name.GetPublicKeyToken();
        return token is { Length: > 0 } && FrameworkTokens.Contains(Convert.ToHexStringLower(token));
    }

    /// <summary>Whether a non-constructed, non-array framework type may appear in a payload.</summary>
    public static bool IsAllowedFrameworkType(Type type)
    {
        if (type.IsPrimitive)
        {
            return type != typeof(IntPtr) && type != typeof(UIntPtr);
        }

        if (type.IsEnum || AllowedFrameworkTypes.Contains(type))
        {
            return true;
        }

        string? ns = type.Namespace;
        if (string.Equals(ns, "System.Collections.Generic", StringComparison.Ordinal) || string.Equals(ns, "System.Numerics", StringComparison.Ordinal))
        {
            return true;
        }

        if (!string.Equals(ns, "System", StringComparison.Ordinal) || type.Assembly != CoreLib)
        {
            return false;
        }

        // Tuples and the standard delegate types; the comparers behind StringComparer's singletons.
        string n = type.Name;
        return n.StartsWith("Tuple`", StringComparison.Ordinal) || n.StartsWith("ValueTuple", StringComparison.Ordinal)
            || n.StartsWith("Func`", StringComparison.Ordinal) || n.StartsWith("Action", StringComparison.Ordinal)
            || n is "Predicate`1" or "Comparison`1" or "Converter`2" or "OrdinalComparer" or "OrdinalIgnoreCaseComparer";
    }

    /// <summary>Whether a worker's loader would resolve <paramref name="type"/> by name (a <see cref="Type"/> value in a payload).</summary>
    public static bool IsNameable(Type type)
    {
        if (type.HasElementType)
        {
            return type.IsArray && IsNameable(type.GetElementType()!);
        }

        if (type.IsConstructedGenericType)
        {
            return IsNameable(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsNameable);
        }

        return !type.IsGenericParameter && (IsShared(type.Assembly) || !IsFramework(type.Assembly) || IsAllowedFrameworkType(type));
    }

    /// <summary>Why values of <paramref name="type"/> cannot ship, or null when they can (generic arguments and elements included).</summary>
    public static string? RefusalReason(Type type)
    {
        if (type.IsPointer || type.IsFunctionPointer || type == typeof(IntPtr) || type == typeof(UIntPtr) || type == typeof(System.Reflection.Pointer))
        {
            return "pointers and native handles are addresses in this process; pass the data itself instead.";
        }

        if (type.IsByRef || type.IsByRefLike)
        {
            return "ref structs and references live on this process's stack and cannot be captured.";
        }

        if (type.IsArray)
        {
            return RefusalReason(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return "an open generic type parameter is not a concrete type.";
        }

        if (typeof(MarshalByRefObject).IsAssignableFrom(type) || typeof(CriticalFinalizerObject).IsAssignableFrom(type)
            || typeof(SafeHandle).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type) || IsSyncType(type)
            || (type.Namespace?.StartsWith("System.Net", StringComparison.Ordinal) ?? false))
        {
            return ProcessBound;
        }

        if (type.Namespace?.StartsWith("System.Reflection.Emit", StringComparison.Ordinal) ?? false)
        {
            return "Reflection.Emit builders and dynamic methods exist only in this process; ship a lambda or a method instead.";
        }

        if (typeof(MemberInfo).IsAssignableFrom(type) && !typeof(Type).IsAssignableFrom(type))
        {
            return "reflection members do not ship; capture the Type and look the member up inside the task.";
        }

        if (type.IsConstructedGenericType)
        {
            string? inner = RefusalReason(type.GetGenericTypeDefinition());
            if (inner is not null)
            {
                return inner;
            }

            foreach (Type arg in type.GetGenericArguments())
            {
                inner = RefusalReason(arg);
                if (inner is not null)
                {
                    return inner;
                }
            }

            return null;
        }

        Assembly assembly = type.Assembly;
        if (IsShared(assembly))
        {
            return null;
        }

        if (assembly.IsDynamic)
        {
            return $"its assembly '{assembly.GetName().Name}' was generated in memory and has no file to ship.";
        }

        if (IsFramework(assembly) && !IsAllowedFrameworkType(type))
        {
            return "this framework type is not on the shipping allow-list; create it inside the task or pass plain data.";
        }

        return null;
    }

    private static bool IsSyncType(Type type) =>
        type == typeof(SemaphoreSlim) || type == typeof(CancellationTokenSource) || type == typeof(CancellationToken)
        || type == typeof(ReaderWriterLockSlim) || type == typeof(ManualResetEventSlim) || type == typeof(CountdownEvent)
        || type == typeof(Barrier) || type == typeof(Lock) || type == typeof(SpinLock) || type == typeof(Thread)
        || type == typeof(ExecutionContext) || type == typeof(SynchronizationContext);

    private static string ComputeSharedRoot()
    {
        string runtime = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory())
            .TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        DirectoryInfo? shared = Directory.GetParent(runtime)?.Parent;
        return (shared?.FullName ?? runtime) + Path.DirectorySeparatorChar;
    }

    private static Dictionary<string, string> LoadTpa()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (string path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                result.TryAdd(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path));
            }
        }

        return result;
    }
}
