using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Tessera.IO;

/// <summary>In-place byte swapping of big-endian elements read from a file.</summary>
internal static unsafe class ByteOrder
{
    /// <summary>Reverses the bytes of each of the <paramref name="count"/> elements of <paramref name="size"/> bytes at <paramref name="p"/>.</summary>
    public static void Swap(byte* p, long count, int size)
    {
        const long Step = 1L << 28;
        for (long done = 0; done < count; done += Step)
        {
            int n = (int)Math.Min(Step, count - done);
            byte* at = p + (done * size);
            switch (size)
            {
                case 2:
                    var s = new Span<ushort>(at, n);
                    BinaryPrimitives.ReverseEndianness(s, s);
                    break;
                case 4:
                    var i = new Span<uint>(at, n);
                    BinaryPrimitives.ReverseEndianness(i, i);
                    break;
                case 8:
                    var l = new Span<ulong>(at, n);
                    BinaryPrimitives.ReverseEndianness(l, l);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes at <paramref name="fileOffset"/> into <paramref name="p"/>, in reads of at most 1 GiB.</summary>
    public static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte* p, long length, long fileOffset, string path)
    {
        const long Step = 1L << 30;
        long done = 0;
        while (done < length)
        {
            int want = (int)Math.Min(Step, length - done);
            int got = RandomAccess.Read(file, new Span<byte>(p + done, want), fileOffset + done);
            if (got == 0)
            {
                throw new InvalidDataException($"{path}: truncated: expected {length} bytes at offset {fileOffset}, the file ended after {done}.");
            }

            done += got;
        }
    }

    /// <summary>Writes <paramref name="length"/> bytes from <paramref name="p"/> to <paramref name="stream"/> in pieces of at most 1 GiB.</summary>
    public static void Write(Stream stream, byte* p, long length)
    {
        const long Step = 1L << 30;
        for (long done = 0; done < length; done += Step)
        {
            stream.Write(new ReadOnlySpan<byte>(p + done, (int)Math.Min(Step, length - done)));
        }
    }

    /// <summary>The bytes of <paramref name="span"/>.</summary>
    public static Span<byte> Bytes<T>(Span<T> span)
        where T : unmanaged => MemoryMarshal.AsBytes(span);
}
