using System.Runtime.CompilerServices;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Maps between boxed <see cref="NDArray{T}"/> values and their wire form (dtype code, shape, bytes). The data plane
/// sees results as <see cref="object"/>, so one switch per direction turns the runtime type into a generic call.
/// </summary>
internal static unsafe class NDArrayCodec
{
    /// <summary>Whether <paramref name="value"/> is an NDArray of a wire dtype; gives its dtype and shape.</summary>
    public static bool TryDescribe(object? value, out WireDType dtype, out long[] shape)
    {
        (dtype, shape) = value switch
        {
            NDArray<bool> a => (WireDType.Bool, a.Shape.ToArray()),
            NDArray<sbyte> a => (WireDType.Int8, a.Shape.ToArray()),
            NDArray<byte> a => (WireDType.UInt8, a.Shape.ToArray()),
            NDArray<short> a => (WireDType.Int16, a.Shape.ToArray()),
            NDArray<ushort> a => (WireDType.UInt16, a.Shape.ToArray()),
            NDArray<int> a => (WireDType.Int32, a.Shape.ToArray()),
            NDArray<uint> a => (WireDType.UInt32, a.Shape.ToArray()),
            NDArray<long> a => (WireDType.Int64, a.Shape.ToArray()),
            NDArray<ulong> a => (WireDType.UInt64, a.Shape.ToArray()),
            NDArray<Half> a => (WireDType.Float16, a.Shape.ToArray()),
            NDArray<float> a => (WireDType.Float32, a.Shape.ToArray()),
            NDArray<double> a => (WireDType.Float64, a.Shape.ToArray()),
            _ => (default(WireDType), Array.Empty<long>()),
        };
        return dtype != default;
    }

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    public static int ItemSize(WireDType dtype) => dtype switch
    {
        WireDType.Bool or WireDType.Int8 or WireDType.UInt8 => 1,
        WireDType.Int16 or WireDType.UInt16 or WireDType.Float16 => 2,
        WireDType.Int32 or WireDType.UInt32 or WireDType.Float32 => 4,
        WireDType.Int64 or WireDType.UInt64 or WireDType.Float64 => 8,
        _ => throw new InvalidDataException($"Data plane: unknown dtype code {(byte)dtype}."),
    };

    /// <summary>Logical bytes of an array of <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    public static long ByteCount(WireDType dtype, ReadOnlySpan<long> shape)
    {
        long size = ItemSize(dtype);
        foreach (var n in shape)
        {
            size = checked(size * n);
        }

        return size;
    }

    /// <summary>
    /// Prepares an NDArray for sending, or returns null when <paramref name="value"/> is not one. A strided view is
    /// copied to a contiguous buffer (owned by the result); the stored value itself is never modified or disposed.
    /// </summary>
    public static OutgoingArray? Prepare(object? value) => value switch
    {
        NDArray<bool> a => Prepare(a, WireDType.Bool),
        NDArray<sbyte> a => Prepare(a, WireDType.Int8),
        NDArray<byte> a => Prepare(a, WireDType.UInt8),
        NDArray<short> a => Prepare(a, WireDType.Int16),
        NDArray<ushort> a => Prepare(a, WireDType.UInt16),
        NDArray<int> a => Prepare(a, WireDType.Int32),
        NDArray<uint> a => Prepare(a, WireDType.UInt32),
        NDArray<long> a => Prepare(a, WireDType.Int64),
        NDArray<ulong> a => Prepare(a, WireDType.UInt64),
        NDArray<Half> a => Prepare(a, WireDType.Float16),
        NDArray<float> a => Prepare(a, WireDType.Float32),
        NDArray<double> a => Prepare(a, WireDType.Float64),
        _ => null,
    };

    /// <summary>
    /// <paramref name="value"/> itself unless it is an NDArray view that holds less than 1/<paramref name="minShare"/>
    /// of the buffer it keeps alive; then a compact copy (and the view is disposed). A worker stores results this way:
    /// a row cut from a facet does not hold the whole facet, while the pieces a rechunk cuts from a facet (a sixteenth
    /// each) stay views of it, as in the threaded engine, instead of costing a copy of every facet.
    /// </summary>
    public static object? Compact(object? value, int minShare) => value switch
    {
        NDArray<bool> a => Compact(a, minShare),
        NDArray<sbyte> a => Compact(a, minShare),
        NDArray<byte> a => Compact(a, minShare),
        NDArray<short> a => Compact(a, minShare),
        NDArray<ushort> a => Compact(a, minShare),
        NDArray<int> a => Compact(a, minShare),
        NDArray<uint> a => Compact(a, minShare),
        NDArray<long> a => Compact(a, minShare),
        NDArray<ulong> a => Compact(a, minShare),
        NDArray<Half> a => Compact(a, minShare),
        NDArray<float> a => Compact(a, minShare),
        NDArray<double> a => Compact(a, minShare),
        _ => value,
    };

    private static NDArray<T> Compact<T>(NDArray<T> a, int minShare)
        where T : unmanaged =>
        a.OwnsBuffer || a.NBytes * minShare >= a.BufferBytes ? a : a.Compact();

    /// <summary>A new uninitialised pooled array to receive into; <paramref name="pointer"/> is its first byte.</summary>
    public static IDisposable Allocate(WireDType dtype, long[] shape, out nint pointer) => dtype switch
    {
        WireDType.Bool => Allocate<bool>(shape, out pointer),
        WireDType.Int8 => Allocate<sbyte>(shape, out pointer),
        WireDType.UInt8 => Allocate<byte>(shape, out pointer),
        WireDType.Int16 => Allocate<short>(shape, out pointer),
        WireDType.UInt16 => Allocate<ushort>(shape, out pointer),
        WireDType.Int32 => Allocate<int>(shape, out pointer),
        WireDType.UInt32 => Allocate<uint>(shape, out pointer),
        WireDType.Int64 => Allocate<long>(shape, out pointer),
        WireDType.UInt64 => Allocate<ulong>(shape, out pointer),
        WireDType.Float16 => Allocate<Half>(shape, out pointer),
        WireDType.Float32 => Allocate<float>(shape, out pointer),
        WireDType.Float64 => Allocate<double>(shape, out pointer),
        _ => throw new InvalidDataException($"Data plane: unknown dtype code {(byte)dtype}."),
    };

    /// <summary>A constant array of <paramref name="shape"/> whose every element is the raw <paramref name="value"/>.</summary>
    public static object Constant(WireDType dtype, long[] shape, ReadOnlySpan<byte> value) => dtype switch
    {
        WireDType.Bool => Constant<bool>(shape, value),
        WireDType.Int8 => Constant<sbyte>(shape, value),
        WireDType.UInt8 => Constant<byte>(shape, value),
        WireDType.Int16 => Constant<short>(shape, value),
        WireDType.UInt16 => Constant<ushort>(shape, value),
        WireDType.Int32 => Constant<int>(shape, value),
        WireDType.UInt32 => Constant<uint>(shape, value),
        WireDType.Int64 => Constant<long>(shape, value),
        WireDType.UInt64 => Constant<ulong>(shape, value),
        WireDType.Float16 => Constant<Half>(shape, value),
        WireDType.Float32 => Constant<float>(shape, value),
        WireDType.Float64 => Constant<double>(shape, value),
        _ => throw new InvalidDataException($"Data plane: unknown dtype code {(byte)dtype}."),
    };

    private static OutgoingArray Prepare<T>(NDArray<T> array, WireDType dtype)
        where T : unmanaged
    {
        var shape = array.Shape.ToArray();
        if (array.IsConstant && array.Size > 0)
        {
            // Reading one element through the indexer does not materialise the constant: ship 1 element, not NBytes.
            var value = array[new long[shape.Length]];
            var bytes = new byte[sizeof(T)];
            Unsafe.WriteUnaligned(ref bytes[0], value);
            return new OutgoingArray(dtype, shape, bytes, 0, array.NBytes, array, null);
        }

        if (array.Size == 0)
        {
            return new OutgoingArray(dtype, shape, null, 0, 0, array, null);
        }

        if (array.IsContiguous)
        {
            return new OutgoingArray(dtype, shape, null, (nint)array.Pointer, array.NBytes, array, null);
        }

        // Copy, not Compact(): Compact disposes the view it replaces, and that view belongs to the worker's store.
        var copy = array.Copy();
        return new OutgoingArray(dtype, shape, null, (nint)copy.Pointer, copy.NBytes, copy, copy);
    }

    private static NDArray<T> Allocate<T>(long[] shape, out nint pointer)
        where T : unmanaged
    {
        var array = NDArray.Empty<T>(shape);
        pointer = array.Size == 0 ? 0 : (nint)array.Pointer;
        return array;
    }

    private static NDArray<T> Constant<T>(long[] shape, ReadOnlySpan<byte> value)
        where T : unmanaged
    {
        if (value.Length != sizeof(T))
        {
            throw new InvalidDataException($"Data plane: a constant {typeof(T).Name} needs {sizeof(T)} bytes, got {value.Length}.");
        }

        return NDArray.Full(Unsafe.ReadUnaligned<T>(in value[0]), shape);
    }
}
