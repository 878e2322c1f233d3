using System.Runtime.CompilerServices;

namespace Tessera;

/// <summary>Facts about element types in NumPy's words: dtype names, item sizes, and the value one.</summary>
public static class DTypes
{
    /// <summary>The NumPy dtype name of <typeparamref name="T"/> ("int64", "float64", "bool" …).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static string Name<T>()
        where T : unmanaged => DTypeInfo<T>.Name;

    /// <summary>The size of one <typeparamref name="T"/>, in bytes.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static int ItemSize<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();

    /// <summary>The size of one element of <paramref name="elementType"/>, in bytes.</summary>
    /// <param name="elementType">An unmanaged element type.</param>
    public static int ItemSize(Type elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return Type.GetTypeCode(elementType) switch
        {
            TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
            TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => 2,
            TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
            TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => 8,
            TypeCode.Decimal => 16,
            _ when elementType == typeof(Half) => 2,
            _ => throw new ArgumentException($"DType.ItemSize: {elementType} is not a supported element type.", nameof(elementType)),
        };
    }

    /// <summary>The value one of <typeparamref name="T"/> (true for <see cref="bool"/>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public static T One<T>()
        where T : unmanaged =>
        DTypeInfo<T>.IsBool ? (T)(object)true : NumericOps<T>.Require("DTypes.One").One;
}
