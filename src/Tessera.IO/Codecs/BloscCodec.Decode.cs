using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Tessera.IO.Codecs;

/// <summary>Blosc 1 frames: the reader (honours the frame's own flags; checks every offset and size against its length).</summary>
internal sealed partial class BloscCodec
{
    public override byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var header = ReadHeader(encoded);
        var result = new byte[header.NBytes];
        DecodeInto(encoded, result);
        return result;
    }

    public override void DecodeInto(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        var h = ReadHeader(encoded);
        if (h.NBytes != destination.Length)
        {
            throw new InvalidDataException($"blosc frame holds {h.NBytes} bytes where {destination.Length} were expected.");
        }

        if ((h.Flags & FlagMemcpyed) != 0)
        {
            if (encoded.Length < HeaderSize + h.NBytes)
            {
                throw new InvalidDataException($"blosc frame is truncated: {encoded.Length} bytes for {h.NBytes} stored plain.");
            }

            encoded.Slice(HeaderSize, h.NBytes).CopyTo(destination);
            return;
        }

        int format = h.Flags >> 5;
        if (format is not (1 or 3 or 4))
        {
            string name = format switch { 0 => "blosclz", 2 => "snappy", _ => $"format {format}" };
            throw new NotSupportedException($"blosc frame compressed with '{name}', which Tessera does not decode; supported inner codecs: lz4, lz4hc, zstd, zlib.");
        }

        int typesize = h.TypeSize;
        int blocksize = h.BlockSize;
        int nblocks = (h.NBytes / blocksize) + (h.NBytes % blocksize > 0 ? 1 : 0);
        int leftover = h.NBytes % blocksize;
        if (HeaderSize + (4 * nblocks) > encoded.Length)
        {
            throw new InvalidDataException("blosc frame is truncated: its block offsets run past its end.");
        }

        bool shuffle = (h.Flags & FlagShuffle) != 0 && typesize > 1;
        bool dontSplit = (h.Flags & FlagDontSplit) != 0;
        byte[]? tmp = null;
        try
        {
            for (int b = 0; b < nblocks; b++)
            {
                bool last = b == nblocks - 1 && leftover > 0;
                int bsize = last ? leftover : blocksize;
                bool bit = (h.Flags & FlagBitShuffle) != 0 && bsize >= typesize;
                var target = destination.Slice(b * blocksize, bsize);
                Span<byte> into = target;
                if (shuffle || bit)
                {
                    tmp ??= ArrayPool<byte>.Shared.Rent(blocksize);
                    into = tmp.AsSpan(0, bsize);
                }

                int offset = BinaryPrimitives.ReadInt32LittleEndian(encoded[(HeaderSize + (4 * b))..]);
                int nsplits = !dontSplit && typesize <= MaxSplits && bsize / typesize >= MinBufferSize && !last ? typesize : 1;
                int neblock = bsize / nsplits;
                for (int j = 0; j < nsplits; j++)
                {
                    if (offset < 0 || offset > encoded.Length - 4)
                    {
                        throw new InvalidDataException($"blosc frame is corrupt: block {b} starts at {offset}, past its end ({encoded.Length} bytes).");
                    }

                    int cbytes = BinaryPrimitives.ReadInt32LittleEndian(encoded[offset..]);
                    offset += 4;
                    if (cbytes < 0 || cbytes > encoded.Length - offset)
                    {
                        throw new InvalidDataException($"blosc frame is corrupt: block {b} claims {cbytes} compressed bytes at {offset} of {encoded.Length}.");
                    }

                    var src = encoded.Slice(offset, cbytes);
                    var dst = into.Slice(j * neblock, neblock);
                    if (cbytes == neblock)
                    {
                        src.CopyTo(dst);
                    }
                    else
                    {
                        DecompressSplit(format, src, dst, b);
                    }

                    offset += cbytes;
                }

                if (shuffle)
                {
                    BloscShuffle.Unshuffle(typesize, into, target);
                }
                else if (bit)
                {
                    BloscShuffle.BitUnshuffle(typesize, into, target);
                }
            }
        }
        finally
        {
            if (tmp is not null)
            {
                ArrayPool<byte>.Shared.Return(tmp);
            }
        }
    }

    private static void DecompressSplit(int format, ReadOnlySpan<byte> src, Span<byte> dst, int block)
    {
        switch (format)
        {
            case 1:
                int n = LZ4Codec.Decode(src, dst);
                if (n != dst.Length)
                {
                    throw new InvalidDataException($"blosc frame is corrupt: lz4 data of block {block} decode to {n} bytes where {dst.Length} were expected.");
                }

                break;
            case 3:
                DeflateCodec.DecompressInto(src, dst, gzip: false, "zlib");
                break;
            default:
                ZstdCodec.DecompressInto(src, dst);
                break;
        }
    }

    internal readonly record struct Header(int Version, byte Flags, int TypeSize, int NBytes, int BlockSize, int CBytes);

    internal static Header ReadHeader(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize)
        {
            throw new InvalidDataException($"blosc frame of {encoded.Length} bytes is shorter than its 16-byte header.");
        }

        var h = new Header(encoded[0], encoded[2], encoded[3],
            BinaryPrimitives.ReadInt32LittleEndian(encoded[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(encoded[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(encoded[12..]));
        if (h.Version is < 1 or > 4 || h.TypeSize == 0 || h.NBytes < 0 || h.CBytes != encoded.Length || (h.NBytes > 0 && h.BlockSize <= 0))
        {
            throw new InvalidDataException(
                $"not a blosc 1 frame (version {h.Version}, typesize {h.TypeSize}, nbytes {h.NBytes}, blocksize {h.BlockSize}, cbytes {h.CBytes} for {encoded.Length} bytes).");
        }

        return h;
    }
}
