namespace Tessera;

/// <summary>NumPy dtype name and capabilities of an element type.</summary>
internal static class DTypeInfo<T>
    where T : unmanaged
{
    /// <summary>NumPy dtype name ("int64", "float64", "bool", ...).</summary>
    public static readonly string Name = Compute();

    /// <summary>Whether <typeparamref name="T"/> is <see cref="bool"/>.</summary>
    public static readonly bool IsBool = typeof(T) == typeof(bool);

    private static string Compute() => typeof(T) switch
    {
        var t when t == typeof(bool) => "bool",
        var t when t == typeof(sbyte) => "int8",
        var t when t == typeof(byte) => "uint8",
        var t when t == typeof(short) => "int16",
        var t when t == typeof(ushort) => "uint16",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(uint) => "uint32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(ulong) => "uint64",
        var t when t == typeof(Half) => "float16",
        var t when t == typeof(float) => "float32",
        var t when t == typeof(double) => "float64",
        var t => t.Name,
    };
}
