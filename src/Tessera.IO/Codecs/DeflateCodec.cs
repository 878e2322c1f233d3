using System.IO.Compression;

namespace Tessera.IO.Codecs;

/// <summary>DEFLATE in a zlib (numcodecs "zlib") or gzip (numcodecs "gzip", Zarr v3 "gzip") wrapper, through System.IO.Compression.</summary>
internal sealed class DeflateCodec : ByteCodec
{
    private readonly bool _gzip;
    private readonly int _level;

    public DeflateCodec(bool gzip, int level)
    {
        if (level is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{(gzip ? "gzip" : "zlib")} level must be 0 to 9.");
        }

        _gzip = gzip;
        _level = level;
    }

    public override string Id => _gzip ? "gzip" : "zlib";

    public int Level => _level;

    public override IReadOnlyList<KeyValuePair<string, object>> Configuration => [new("level", _level)];

    public override byte[] Encode(ReadOnlySpan<byte> data) => Compress(data, _gzip, _level);

    public override byte[] Decode(ReadOnlySpan<byte> encoded) => Decompress(encoded, _gzip, -1);

    public override void DecodeInto(ReadOnlySpan<byte> encoded, Span<byte> destination) => DecompressInto(encoded, destination, _gzip, Id);

    internal static byte[] Compress(ReadOnlySpan<byte> data, bool gzip, int level)
    {
        using var output = new MemoryStream(Math.Max(64, data.Length / 2));
        var options = new ZLibCompressionOptions { CompressionLevel = level };
        using (Stream z = gzip ? new GZipStream(output, options, leaveOpen: true) : new ZLibStream(output, options, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    internal static unsafe byte[] Decompress(ReadOnlySpan<byte> encoded, bool gzip, int sizeHint)
    {
        fixed (byte* p = encoded)
        {
            using var input = new UnmanagedMemoryStream(p, encoded.Length);
            using Stream z = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(sizeHint > 0 ? sizeHint : Math.Max(256, encoded.Length * 4));
            try
            {
                z.CopyTo(output);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"corrupt {(gzip ? "gzip" : "zlib")} data: {e.Message}", e);
            }

            return output.ToArray();
        }
    }

    internal static unsafe void DecompressInto(ReadOnlySpan<byte> encoded, Span<byte> destination, bool gzip, string id)
    {
        fixed (byte* p = encoded)
        {
            using var input = new UnmanagedMemoryStream(p, encoded.Length);
            using Stream z = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                int done = 0;
                while (done < destination.Length)
                {
                    int n = z.Read(destination[done..]);
                    if (n == 0)
                    {
                        throw new InvalidDataException($"{id} data decode to {done} bytes where {destination.Length} were expected.");
                    }

                    done += n;
                }

                Span<byte> extra = stackalloc byte[1];
                if (z.Read(extra) != 0)
                {
                    throw new InvalidDataException($"{id} data decode to more than the {destination.Length} bytes expected.");
                }
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(id, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"corrupt {id} data: {e.Message}", e);
            }
        }
    }
}
