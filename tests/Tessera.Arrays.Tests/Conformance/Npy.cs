using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>Reads and writes NumPy's .npy format (version 1.0, little-endian, C order) for the dtypes the suite uses.</summary>
internal static partial class Npy
{
    public static string Descr(Type t) => t switch
    {
        _ when t == typeof(double) => "<f8",
        _ when t == typeof(float) => "<f4",
        _ when t == typeof(long) => "<i8",
        _ when t == typeof(int) => "<i4",
        _ when t == typeof(short) => "<i2",
        _ when t == typeof(sbyte) => "|i1",
        _ when t == typeof(ulong) => "<u8",
        _ when t == typeof(uint) => "<u4",
        _ when t == typeof(ushort) => "<u2",
        _ when t == typeof(byte) => "|u1",
        _ when t == typeof(bool) => "|b1",
        _ => throw new ArgumentException($"no .npy descr for {t}"),
    };

    public static Type TypeOf(string descr) => descr.TrimStart('<', '|', '=') switch
    {
        "f8" => typeof(double),
        "f4" => typeof(float),
        "i8" => typeof(long),
        "i4" => typeof(int),
        "i2" => typeof(short),
        "i1" => typeof(sbyte),
        "u8" => typeof(ulong),
        "u4" => typeof(uint),
        "u2" => typeof(ushort),
        "u1" => typeof(byte),
        "b1" => typeof(bool),
        _ => throw new ArgumentException($"unsupported .npy descr {descr}"),
    };

    public static void Write<T>(string path, NDArray<T> array)
        where T : unmanaged
    {
        using var dense = array.Copy();
        var shape = array.Shape.ToArray();
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{Descr(typeof(T))}', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        int pad = (64 - (total % 64)) % 64;
        header = header + new string(' ', pad) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var h = Encoding.ASCII.GetBytes(header);
        file.Write(BitConverter.GetBytes((ushort)h.Length));
        file.Write(h);
        if (dense.Size > 0)
        {
            file.Write(MemoryMarshal.AsBytes(dense.AsSpan()));
        }
    }

    /// <summary>An .npy file as (element type, shape, raw little-endian bytes).</summary>
    public static (Type Type, long[] Shape, byte[] Data) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        int start = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, start, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: Fortran order is not expected");
        }

        var dims = ShapePattern().Match(header).Groups[1].Value;
        var shape = dims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        return (TypeOf(descr), shape, bytes[(start + headerLength)..]);
    }

    public static NDArray<T> ToArray<T>(long[] shape, byte[] data)
        where T : unmanaged
    {
        var values = MemoryMarshal.Cast<byte, T>(data).ToArray();
        return shape.Length == 0 ? NDArray.Scalar(values[0]) : NDArray.Wrap(values, shape);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
