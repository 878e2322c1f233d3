using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Tessera.IO.Npy;

/// <summary>
/// The header of an NPY file (format versions 1.0, 2.0 and 3.0): dtype, memory order and shape, and where the data
/// starts. <see cref="Format"/> writes exactly what <c>numpy.save</c> writes for the same array.
/// </summary>
internal sealed class NpyHeader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The largest header NumPy (1.24) agrees to read, in characters.</summary>
    private const int MaxHeaderLength = 10_000;

    private const int Align = 64;

    /// <summary>Spare spaces NumPy adds after the dict so the shape can grow in place (numpy.lib.format's GROWTH_AXIS_MAX_DIGITS).</summary>
    private const int GrowthAxisMaxDigits = 21;

    public NpyHeader(NpyDType dtype, bool fortranOrder, long[] shape, long dataOffset)
    {
        DType = dtype;
        FortranOrder = fortranOrder;
        Shape = shape;
        DataOffset = dataOffset;
    }

    public NpyDType DType { get; }

    public bool FortranOrder { get; }

    public long[] Shape { get; }

    /// <summary>Where the elements start in the file, in bytes.</summary>
    public long DataOffset { get; }

    /// <summary>The number of data bytes the header announces.</summary>
    public long DataBytes => Shape.Aggregate(1L, (a, b) => checked(a * b)) * DType.Size;

    /// <summary>Reads and checks the header of the open file <paramref name="file"/> (named <paramref name="path"/> in errors).</summary>
    public static NpyHeader Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, string path)
    {
        long length = RandomAccess.GetLength(file);
        Span<byte> prefix = stackalloc byte[12];
        int got = RandomAccess.Read(file, prefix, 0);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException(got < 6 || !prefix[..Math.Min(got, 6)].SequenceEqual(Magic[..Math.Min(got, 6)])
                ? $"{path}: not an NPY file (it does not start with the magic string \\x93NUMPY)."
                : $"{path}: truncated NPY file: {length} bytes, too short for the NPY header.");
        }

        byte major = prefix[6];
        byte minor = prefix[7];
        int lengthBytes = major switch
        {
            1 when minor == 0 => 2,
            2 or 3 when minor == 0 => 4,
            _ => throw new NotSupportedException($"{path}: NPY format version {major}.{minor} is not supported; versions 1.0, 2.0 and 3.0 are."),
        };
        if (got < 8 + lengthBytes)
        {
            throw new InvalidDataException($"{path}: truncated NPY file: {length} bytes, too short for the NPY header.");
        }

        long headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        long start = 8 + lengthBytes;
        if (headerLength > MaxHeaderLength * 4)
        {
            throw new InvalidDataException($"{path}: the NPY header claims {headerLength} bytes, more than NumPy accepts ({MaxHeaderLength} characters).");
        }

        if (start + headerLength > length)
        {
            throw new InvalidDataException($"{path}: truncated NPY file: the header needs {start + headerLength} bytes, the file has {length}.");
        }

        var bytes = new byte[headerLength];
        RandomAccess.Read(file, bytes, start);
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
        var (descr, fortran, shape) = NpyHeaderParser.Parse(text, path);
        var header = new NpyHeader(NpyDType.Parse(descr, path), fortran, shape, start + headerLength);
        long data;
        try
        {
            data = header.DataBytes;
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{path}: the NPY shape {PyTuple(shape)} is too large.");
        }

        if (header.DataOffset + data > length)
        {
            throw new InvalidDataException(
                $"{path}: truncated NPY file: shape {PyTuple(shape)} of {header.DType.Name} needs {data} data bytes after the {header.DataOffset}-byte header, " +
                $"but only {length - header.DataOffset} are there.");
        }

        return header;
    }

    /// <summary>The header bytes <c>numpy.save</c> writes (version 1.0, or 2.0 when the header does not fit 64 KiB).</summary>
    public static byte[] Format(NpyDType dtype, bool fortranOrder, long[] shape)
    {
        var dict = new StringBuilder();
        dict.Append("{'descr': '").Append(dtype.Descr).Append("', 'fortran_order': ").Append(fortranOrder ? "True" : "False")
            .Append(", 'shape': ").Append(PyTuple(shape)).Append(", }");
        if (shape.Length > 0)
        {
            long growing = shape[fortranOrder ? shape.Length - 1 : 0];
            dict.Append(' ', GrowthAxisMaxDigits - growing.ToString(CultureInfo.InvariantCulture).Length);
        }

        byte[] text = Encoding.Latin1.GetBytes(dict.ToString());
        int hlen = text.Length + 1;
        int lengthBytes = 2;
        int pad = Align - ((6 + 2 + lengthBytes + hlen) % Align);
        if (hlen + pad > ushort.MaxValue)
        {
            lengthBytes = 4;
            pad = Align - ((6 + 2 + lengthBytes + hlen) % Align);
        }

        var result = new byte[6 + 2 + lengthBytes + hlen + pad];
        Magic.CopyTo(result);
        result[6] = (byte)(lengthBytes == 2 ? 1 : 2);
        result[7] = 0;
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)(hlen + pad));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)(hlen + pad));
        }

        int at = 8 + lengthBytes;
        text.CopyTo(result, at);
        result.AsSpan(at + text.Length, pad).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    /// <summary>A shape as Python writes a tuple: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public static string PyTuple(long[] shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => $"({string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)))})",
    };
}
