using System.Numerics;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Types named by a one-byte code instead of assembly + full name: the common element types and collections, so a
/// small payload does not carry "System.Private.CoreLib, Version=…" strings. Append only: the index is the wire code.
/// </summary>
internal static class WellKnownTypes
{
    private static readonly Type[] Types =
    [
        typeof(object), typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int),
        typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(string), typeof(Half),
        typeof(DateTime), typeof(TimeSpan), typeof(Guid), typeof(Int128), typeof(UInt128), typeof(Complex), typeof(Key),
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(KeyValuePair<,>), typeof(NDArray<>), typeof(SliceSpec),
        typeof(TaskInvoker), typeof(Func<,>), typeof(Func<,,>), typeof(Func<,,,>), typeof(Action<>), typeof(Nullable<>),
    ];

    private static readonly Dictionary<Type, int> Codes = Types.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);

    /// <summary>The code of <paramref name="type"/>, or -1.</summary>
    public static int IndexOf(Type type) => Codes.TryGetValue(type, out int code) ? code : -1;

    /// <summary>The type of a code, or null when unknown.</summary>
    public static Type? At(int code) => (uint)code < (uint)Types.Length ? Types[code] : null;
}
