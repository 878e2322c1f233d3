using System.Buffers.Binary;
using System.Text;

namespace Tessera.IO.Npy;

/// <summary>
/// The <c>info</c> file of a Dask npy stack: the pickled dict <c>{'chunks': ((…), …), 'dtype': numpy.dtype, 'axis': n}</c>
/// that <c>dask.array.to_npy_stack</c> writes. Pickle can run arbitrary code, so this is not a pickle loader: it reads
/// only the opcodes that a dict of that exact shape needs (protocols 2 to 5), accepts only <c>numpy.dtype</c> as a
/// global, and refuses everything else with the opcode it met.
/// </summary>
/// <param name="Chunks">Block sizes per axis; every axis but <paramref name="Axis"/> has one block.</param>
/// <param name="DType">The dtype of the arrays in the files.</param>
/// <param name="Axis">The axis the files are stacked along.</param>
internal sealed record NpyStackInfo(long[][] Chunks, NpyDType DType, int Axis)
{
    /// <summary>Parses the bytes of an info file (named <paramref name="path"/> in errors).</summary>
    public static NpyStackInfo Read(byte[] bytes, string path)
    {
        object? value = new PickleReader(bytes, path).Run();
        if (value is not Dictionary<string, object?> dict || dict.Count != 3
            || !dict.TryGetValue("chunks", out var chunksValue) || !dict.TryGetValue("dtype", out var dtypeValue) || !dict.TryGetValue("axis", out var axisValue))
        {
            throw new InvalidDataException($"{path}: not a Dask npy-stack info file: expected a dict with exactly the keys 'chunks', 'dtype' and 'axis'.");
        }

        if (chunksValue is not object?[] axes || axes.Any(a => a is not object?[] sizes || sizes.Any(s => s is not long n || n < 0)))
        {
            throw new InvalidDataException($"{path}: 'chunks' must be a tuple of tuples of non-negative integers.");
        }

        long[][] chunks = [.. axes.Select(a => ((object?[])a!).Select(s => (long)s!).ToArray())];
        if (axisValue is not long axis || axis < 0 || axis >= chunks.Length)
        {
            throw new InvalidDataException($"{path}: 'axis' must be an integer between 0 and {chunks.Length - 1}.");
        }

        if (dtypeValue is not PickledDType dtype)
        {
            throw new InvalidDataException($"{path}: 'dtype' must be a numpy.dtype.");
        }

        for (int a = 0; a < chunks.Length; a++)
        {
            if (a != axis && chunks[a].Length != 1)
            {
                throw new InvalidDataException($"{path}: axis {a} has {chunks[a].Length} blocks; an npy stack has one block on every axis but its stacking axis {axis}.");
            }
        }

        return new NpyStackInfo(chunks, NpyDType.Parse(dtype.Descr, path), (int)axis);
    }

    /// <summary>The bytes of the info file, a protocol-4 pickle that Dask's <c>from_npy_stack</c> loads.</summary>
    public byte[] Write()
    {
        var body = new List<byte> { (byte)'}', (byte)'(' };
        Str(body, "chunks");
        Tuple(body, Chunks.Length, i => Tuple(body, Chunks[i].Length, j => Int(body, Chunks[i][j])));
        Str(body, "dtype");
        Str(body, "numpy");
        Str(body, "dtype");
        body.Add(0x93); // STACK_GLOBAL
        Str(body, $"{DType.Kind}{DType.Size}");
        body.Add(0x89); // False: align
        body.Add(0x88); // True: copy
        body.Add(0x87); // TUPLE3
        body.Add((byte)'R');
        body.Add((byte)'(');
        Int(body, 3);
        Str(body, DType.Size == 1 ? "|" : DType.BigEndian ? ">" : "<");
        body.AddRange("NNN"u8.ToArray());
        Int(body, -1);
        Int(body, -1);
        Int(body, 0);
        body.Add((byte)'t');
        body.Add((byte)'b');
        Str(body, "axis");
        Int(body, Axis);
        body.Add((byte)'u');
        body.Add((byte)'.');
        var result = new byte[11 + body.Count];
        result[0] = 0x80;
        result[1] = 4;
        result[2] = 0x95;
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(3), (ulong)(body.Count - 1));
        body.CopyTo(result, 11);
        return result;
    }

    private static void Tuple(List<byte> body, int count, Action<int> item)
    {
        if (count == 0)
        {
            body.Add((byte)')');
            return;
        }

        if (count > 3)
        {
            body.Add((byte)'(');
        }

        for (int i = 0; i < count; i++)
        {
            item(i);
        }

        body.Add(count switch { 1 => (byte)0x85, 2 => (byte)0x86, 3 => (byte)0x87, _ => (byte)'t' });
    }

    private static void Str(List<byte> body, string s)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        body.Add(0x8c); // SHORT_BINUNICODE
        body.Add((byte)utf8.Length);
        body.AddRange(utf8);
    }

    private static void Int(List<byte> body, long value)
    {
        if (value is >= 0 and <= 0xff)
        {
            body.Add((byte)'K');
            body.Add((byte)value);
        }
        else if (value is >= 0 and <= 0xffff)
        {
            body.Add((byte)'M');
            body.Add((byte)value);
            body.Add((byte)(value >> 8));
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            body.Add((byte)'J');
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)value);
            body.AddRange(b.ToArray());
        }
        else
        {
            body.Add(0x8a); // LONG1: 8 little-endian two's-complement bytes
            body.Add(8);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
            body.AddRange(b.ToArray());
        }
    }
}
