using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Tessera.IO.Npy;

namespace Tessera.IO.Hdf5;

/// <summary>The element type of an HDF5 dataset in NumPy's terms (kind, size, byte order), as h5py maps it.</summary>
internal static class Hdf5DType
{
    public const string Supported =
        "bool (h5py's enum of int8), int8/16/32/64, uint8/16/32/64, float16/32/64, in either byte order";

    /// <summary>The dtype of <paramref name="dataset"/>; throws <see cref="NotSupportedException"/> naming the file and dataset for other types.</summary>
    public static NpyDType Of(IH5Dataset dataset, string where)
    {
        var type = dataset.Type;
        int size = (int)type.Size;
        char kind = type.Class switch
        {
            H5DataTypeClass.FixedPoint when size is 1 or 2 or 4 or 8 => type.FixedPoint.IsSigned ? 'i' : 'u',
            H5DataTypeClass.FloatingPoint when size is 2 or 4 or 8 => 'f',
            H5DataTypeClass.Enumerated when IsBool(type) => 'b',
            _ => throw new NotSupportedException($"{where}: the HDF5 type {type.Class} of {size} bytes is not supported; supported types are {Supported}."),
        };
        return new NpyDType(kind, size, size > 1 && IsBigEndian(dataset, kind));
    }

    private static bool IsBool(IH5DataType type)
    {
        if (type.Size != 1 || type.Enumeration.BaseType.Class != H5DataTypeClass.FixedPoint)
        {
            return false;
        }

        var members = type.Enumeration.GetMembers<sbyte>();
        return members.Count == 2 && members.TryGetValue("FALSE", out var f) && f == 0 && members.TryGetValue("TRUE", out var t) && t == 1;
    }

    /// <summary>
    /// Whether the stored elements are big-endian. PureHDF 2.2 does not expose the byte order, but refuses a typed read
    /// of a non-native order; one element read both typed and raw tells the order either way.
    /// </summary>
    private static bool IsBigEndian(IH5Dataset dataset, char kind)
    {
        var dims = dataset.Space.Dimensions;
        if (dims.Any(d => d == 0) || dataset is not NativeDataset native)
        {
            return false;
        }

        var one = new HyperslabSelection(dims.Length, new ulong[dims.Length], [.. Enumerable.Repeat(1UL, dims.Length)]);
        Selection selection = dims.Length == 0 ? new AllSelection() : one;
        var raw = new byte[dataset.Type.Size];
        native.Read<byte>(new H5DatasetAccess(), raw.AsSpan(), selection, null, null);
        try
        {
            var typed = (kind, raw.Length) switch
            {
                ('i', 2) => Typed<short>(native, selection),
                ('u', 2) => Typed<ushort>(native, selection),
                ('i', 4) => Typed<int>(native, selection),
                ('u', 4) => Typed<uint>(native, selection),
                ('i', _) => Typed<long>(native, selection),
                ('u', _) => Typed<ulong>(native, selection),
                ('f', 2) => Typed<Half>(native, selection),
                ('f', 4) => Typed<float>(native, selection),
                _ => Typed<double>(native, selection),
            };

            // A version that converts byte order hands back the raw bytes reversed.
            return !raw.SequenceEqual(typed) && raw.Reverse().SequenceEqual(typed);
        }
        catch (Exception e) when (e.Message.Contains("Byte order", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
    }

    private static byte[] Typed<TElement>(NativeDataset native, Selection selection)
        where TElement : unmanaged
    {
        var one = new TElement[1];
        native.Read<TElement>(new H5DatasetAccess(), one.AsSpan(), selection, null, null);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(one.AsSpan()).ToArray();
    }
}
