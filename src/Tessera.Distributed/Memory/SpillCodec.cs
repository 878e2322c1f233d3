using System.Buffers.Binary;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Memory;

/// <summary>
/// The format of a spill file. An NDArray is written as a small header and its raw bytes straight from its buffer, and
/// read back straight into a pooled buffer (no intermediate copy, no garbage: spilling must lower memory, not raise
/// it); a constant array as its one element; anything else as <see cref="CodeShipper.EncodeValue"/> bytes.
/// </summary>
internal static unsafe class SpillCodec
{
    private const byte Encoded = 0;
    private const byte RawArray = 1;
    private const byte ConstantArray = 2;
    private const int MaxIo = 1 << 30;

    /// <summary>Writes <paramref name="value"/> to a new file at <paramref name="path"/>.</summary>
    /// <exception cref="UnshippableCaptureException">A non-array value cannot be encoded.</exception>
    /// <exception cref="IOException">The disk refused.</exception>
    public static void Write(string path, object? value, CodeShipper shipper)
    {
        using OutgoingArray? array = NDArrayCodec.Prepare(value);
        byte[] payload = array is null ? shipper.EncodeValue(value) : [];
        using FileStream file = Files.PrivateDirectory.CreateFile(path);
        Microsoft.Win32.SafeHandles.SafeFileHandle handle = file.SafeFileHandle;
        if (array is null)
        {
            RandomAccess.Write(handle, [Encoded], 0);
            RandomAccess.Write(handle, payload, 1);
            return;
        }

        byte[] constant = array.ConstantValue ?? [];
        var header = new byte[2 + 4 + (8 * array.Shape.Length) + 4];
        header[0] = array.ConstantValue is null ? RawArray : ConstantArray;
        header[1] = (byte)array.DType;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(2), array.Shape.Length);
        for (int d = 0; d < array.Shape.Length; d++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6 + (8 * d)), array.Shape[d]);
        }

        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(header.Length - 4), constant.Length);
        RandomAccess.Write(handle, header, 0);
        if (array.ConstantValue is not null)
        {
            RandomAccess.Write(handle, constant, header.Length);
            return;
        }

        for (long done = 0; done < array.NBytes;)
        {
            int n = (int)Math.Min(MaxIo, array.NBytes - done);
            RandomAccess.Write(handle, new ReadOnlySpan<byte>((byte*)array.Pointer + done, n), header.Length + done);
            done += n;
        }
    }

    /// <summary>Reads a value written by <see cref="Write"/>; non-array values are decoded by <paramref name="loader"/>.</summary>
    /// <exception cref="IOException">The file is gone or short.</exception>
    public static object? Read(string path, CodeLoader loader)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        long length = RandomAccess.GetLength(handle);
        var kind = new byte[1];
        ReadExactly(handle, kind, 0);
        if (kind[0] == Encoded)
        {
            var payload = new byte[length - 1];
            ReadExactly(handle, payload, 1);
            return loader.DecodeValue(payload);
        }

        var head = new byte[5];
        ReadExactly(handle, head, 1);
        var dtype = (WireDType)head[0];
        int rank = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(1));
        var rest = new byte[(8 * rank) + 4];
        ReadExactly(handle, rest, 6);
        var shape = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt64LittleEndian(rest.AsSpan(8 * d));
        }

        long offset = 6 + rest.Length;
        if (kind[0] == ConstantArray)
        {
            var element = new byte[BinaryPrimitives.ReadInt32LittleEndian(rest.AsSpan(8 * rank))];
            ReadExactly(handle, element, offset);
            return NDArrayCodec.Constant(dtype, shape, element);
        }

        long nbytes = NDArrayCodec.ByteCount(dtype, shape);
        IDisposable result = NDArrayCodec.Allocate(dtype, shape, out nint pointer);
        try
        {
            for (long done = 0; done < nbytes;)
            {
                int n = RandomAccess.Read(handle, new Span<byte>((byte*)pointer + done, (int)Math.Min(MaxIo, nbytes - done)), offset + done);
                done += n > 0 ? n : throw new EndOfStreamException($"Spill file {path} is shorter than its {nbytes}-byte array.");
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, long offset)
    {
        for (int done = 0; done < buffer.Length;)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
            done += n > 0 ? n : throw new EndOfStreamException("A spill file ended early.");
        }
    }
}
