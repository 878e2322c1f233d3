using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Tessera.IO.Codecs;

/// <summary>
/// Blosc 1 frames (numcodecs "blosc", Zarr v3 "blosc"), read and written in .NET: a 16-byte header, block start
/// offsets, and blocks that are byte- or bit-shuffled, optionally split into one stream per byte of the element, and
/// compressed with LZ4, LZ4HC, Zstandard or zlib (blosclz and snappy frames are refused by name). The block size and
/// split rules follow c-blosc 1.21 so that the frames are the ones numcodecs writes for the same settings.
/// </summary>
internal sealed partial class BloscCodec : ByteCodec
{
    public const int NoShuffle = 0;
    public const int ByteShuffle = 1;
    public const int BitShuffleMode = 2;

    private const int HeaderSize = 16;
    private const int MinBufferSize = 128;
    private const int MaxSplits = 16;
    private const int L1 = 32 * 1024;
    private const byte FlagShuffle = 0x1;
    private const byte FlagMemcpyed = 0x2;
    private const byte FlagBitShuffle = 0x4;
    private const byte FlagDontSplit = 0x10;

    private readonly string _cname;
    private readonly int _clevel;
    private readonly int _shuffle;
    private readonly int _typesize;
    private readonly int _blocksize;

    /// <param name="cname">"lz4", "lz4hc", "zstd" or "zlib".</param>
    /// <param name="clevel">0 (a plain copy) to 9.</param>
    /// <param name="shuffle">0 none, 1 byte shuffle, 2 bit shuffle.</param>
    /// <param name="typesize">The element size the shuffle works on, in bytes.</param>
    /// <param name="blocksize">A forced block size in bytes, or 0 for c-blosc's automatic choice.</param>
    public BloscCodec(string cname, int clevel, int shuffle, int typesize, int blocksize = 0)
    {
        if (CompCode(cname) < 0)
        {
            throw new NotSupportedException($"Blosc compressor '{cname}' is not supported; supported: lz4, lz4hc, zstd, zlib.");
        }

        if (clevel is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(clevel), clevel, "Blosc clevel must be 0 to 9.");
        }

        if (shuffle is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(shuffle), shuffle, "Blosc shuffle must be 0 (none), 1 (byte) or 2 (bit).");
        }

        _cname = cname;
        _clevel = clevel;
        _shuffle = shuffle;
        _typesize = Math.Max(1, typesize);
        _blocksize = blocksize;
    }

    public override string Id => "blosc";

    public string CName => _cname;

    public int CLevel => _clevel;

    public int Shuffle => _shuffle;

    public int TypeSize => _typesize;

    public int BlockSize => _blocksize;

    public override IReadOnlyList<KeyValuePair<string, object>> Configuration =>
        [new("cname", _cname), new("clevel", _clevel), new("shuffle", _shuffle), new("blocksize", _blocksize)];

    /// <summary>The same settings for elements of another size.</summary>
    public BloscCodec WithTypeSize(int typesize) => new(_cname, _clevel, _shuffle, typesize, _blocksize);

    private static int CompCode(string cname) => cname switch
    {
        "lz4" => 1,
        "lz4hc" => 2,
        "zlib" => 4,
        "zstd" => 5,
        _ => -1,
    };

    private static bool IsHighCompression(int code) => code is 2 or 4 or 5;

    private static bool Split(int code, int typesize, int blocksize) =>
        code != 5 && typesize <= MaxSplits && blocksize / typesize >= MinBufferSize;

    internal static int ComputeBlockSize(int code, int clevel, int typesize, int nbytes, int forced)
    {
        if (nbytes < typesize)
        {
            return 1;
        }

        int blocksize = nbytes;
        if (forced > 0)
        {
            blocksize = Math.Clamp(forced, MinBufferSize, int.MaxValue - 64);
        }
        else if (nbytes >= L1)
        {
            blocksize = L1;
            if (IsHighCompression(code))
            {
                blocksize *= 2;
            }

            blocksize = clevel switch
            {
                0 => blocksize / 4,
                1 => blocksize / 2,
                2 => blocksize,
                3 => blocksize * 2,
                4 or 5 => blocksize * 4,
                6 or 7 or 8 => blocksize * 8,
                _ => blocksize * 8 * (IsHighCompression(code) ? 2 : 1),
            };
        }

        if (clevel > 0 && Split(code, typesize, blocksize))
        {
            blocksize = Math.Min(blocksize, 1 << 18) * typesize;
            blocksize = Math.Clamp(blocksize, 1 << 16, 1024 * 1024);
        }

        blocksize = Math.Min(blocksize, nbytes);
        if (blocksize > typesize)
        {
            blocksize = blocksize / typesize * typesize;
        }

        return blocksize;
    }

    public override byte[] Encode(ReadOnlySpan<byte> data)
    {
        int typesize = _typesize > 255 ? 1 : _typesize;
        int nbytes = data.Length;
        int code = CompCode(_cname);
        int blocksize = ComputeBlockSize(code, _clevel, typesize, nbytes, _blocksize);
        int nblocks = nbytes == 0 ? 0 : (nbytes / blocksize) + (nbytes % blocksize > 0 ? 1 : 0);
        int leftover = nbytes == 0 ? 0 : nbytes % blocksize;
        int maxbytes = nbytes + HeaderSize;
        // The frame is built in a pooled buffer and copied out at its final (usually much smaller) size.
        byte[] output = ArrayPool<byte>.Shared.Rent(maxbytes);
        try
        {
            return EncodeInto(data, output, code, typesize, nbytes, blocksize, nblocks, leftover, maxbytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private byte[] EncodeInto(ReadOnlySpan<byte> data, byte[] output, int code, int typesize, int nbytes, int blocksize, int nblocks, int leftover, int maxbytes)
    {
        byte flags = (byte)((_shuffle == ByteShuffle ? FlagShuffle : 0) | (_shuffle == BitShuffleMode ? FlagBitShuffle : 0));
        if (!Split(code, typesize, blocksize))
        {
            flags |= FlagDontSplit;
        }

        flags |= (byte)((code switch { 1 or 2 => 1, 4 => 3, _ => 4 }) << 5);
        bool memcpyed = _clevel == 0 || nbytes < MinBufferSize;
        int total = 0;
        if (!memcpyed)
        {
            total = CompressBlocks(data, output, code, typesize, blocksize, nblocks, leftover, flags, maxbytes);
            memcpyed = total == 0;
        }

        if (memcpyed)
        {
            flags |= FlagMemcpyed;
            data.CopyTo(output.AsSpan(HeaderSize));
            total = maxbytes;
        }

        output[0] = 2;
        output[1] = 1;
        output[2] = flags;
        output[3] = (byte)typesize;
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(4), nbytes);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(8), blocksize);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(12), total);
        return output.AsSpan(0, total).ToArray();
    }

    /// <summary>Compresses every block after the header and start offsets; 0 when the data do not fit (store them plain).</summary>
    private int CompressBlocks(ReadOnlySpan<byte> data, byte[] output, int code, int typesize, int blocksize, int nblocks, int leftover, byte flags, int maxbytes)
    {
        int ntbytes = HeaderSize + (4 * nblocks);
        if (ntbytes > maxbytes)
        {
            return 0;
        }

        byte[] shuffled = ArrayPool<byte>.Shared.Rent(blocksize);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(blocksize) + 64);
        try
        {
            bool dontSplit = (flags & FlagDontSplit) != 0;
            for (int b = 0; b < nblocks; b++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(HeaderSize + (4 * b)), ntbytes);
                bool last = b == nblocks - 1 && leftover > 0;
                int bsize = last ? leftover : blocksize;
                var block = data.Slice(b * blocksize, bsize);
                ReadOnlySpan<byte> source = block;
                if (_shuffle == ByteShuffle && typesize > 1)
                {
                    BloscShuffle.Shuffle(typesize, block, shuffled.AsSpan(0, bsize));
                    source = shuffled.AsSpan(0, bsize);
                }
                else if (_shuffle == BitShuffleMode && bsize >= typesize)
                {
                    BloscShuffle.BitShuffle(typesize, block, shuffled.AsSpan(0, bsize));
                    source = shuffled.AsSpan(0, bsize);
                }

                int nsplits = !dontSplit && !last ? typesize : 1;
                int neblock = bsize / nsplits;
                for (int j = 0; j < nsplits; j++)
                {
                    int sizeAt = ntbytes;
                    ntbytes += 4;
                    int maxout = neblock;
                    if (ntbytes + maxout > maxbytes)
                    {
                        maxout = maxbytes - ntbytes;
                        if (maxout <= 0)
                        {
                            return 0;
                        }
                    }

                    var split = source.Slice(j * neblock, neblock);
                    int cbytes = code == 1 ? CompressLz4(split, output.AsSpan(ntbytes, maxout)) : CompressSplit(code, split, scratch, maxout);
                    if (cbytes <= 0 || cbytes >= neblock)
                    {
                        if (ntbytes + neblock > maxbytes)
                        {
                            return 0;
                        }

                        split.CopyTo(output.AsSpan(ntbytes));
                        cbytes = neblock;
                    }
                    else if (code != 1)
                    {
                        scratch.AsSpan(0, cbytes).CopyTo(output.AsSpan(ntbytes));
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(sizeAt), cbytes);
                    ntbytes += cbytes;
                }
            }

            return ntbytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(shuffled);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>LZ4 straight into the frame, as c-blosc calls LZ4_compress_fast (acceleration 10 - clevel); 0 when it does not fit.</summary>
    private unsafe int CompressLz4(ReadOnlySpan<byte> split, Span<byte> target)
    {
        using var context = new K4os.Compression.LZ4.Engine.Pubternal.FastContext();
        fixed (byte* s = split)
        fixed (byte* d = target)
        {
            int n = K4os.Compression.LZ4.Engine.Pubternal.CompressFast(context, s, d, split.Length, target.Length, 10 - _clevel);
            return n > target.Length ? 0 : n;
        }
    }

    /// <summary>Compresses one split into <paramref name="scratch"/>; a result over <paramref name="maxout"/> counts as incompressible (0).</summary>
    private int CompressSplit(int code, ReadOnlySpan<byte> split, byte[] scratch, int maxout)
    {
        int n;
        switch (code)
        {
            case 2:
                n = LZ4Codec.Encode(split, scratch.AsSpan(0, Math.Max(maxout, 0)), (LZ4Level)Math.Clamp(_clevel, 3, 12));
                break;
            case 4:
                {
                    byte[] z = DeflateCodec.Compress(split, gzip: false, _clevel);
                    n = z.Length <= maxout ? z.Length : 0;
                    if (n > 0)
                    {
                        z.CopyTo(scratch, 0);
                    }

                    break;
                }

            default:
                {
                    byte[] z = ZstdCodec.Compress(split, _clevel);
                    n = z.Length <= maxout ? z.Length : 0;
                    if (n > 0)
                    {
                        z.CopyTo(scratch, 0);
                    }

                    break;
                }
        }

        return n > maxout ? 0 : n;
    }
}
