using ZstdSharp;

namespace Tessera.IO.Codecs;

/// <summary>Zstandard (numcodecs "zstd", Zarr v3 "zstd") through ZstdSharp, a pure .NET port of the reference library.</summary>
internal sealed class ZstdCodec : ByteCodec
{
    [ThreadStatic]
    private static Decompressor? s_decompressor;

    private readonly int _level;
    private readonly bool _checksum;

    public ZstdCodec(int level, bool checksum = false)
    {
        _level = level;
        _checksum = checksum;
    }

    public override string Id => "zstd";

    public override IReadOnlyList<KeyValuePair<string, object>> Configuration => [new("level", _level), new("checksum", _checksum)];

    public int Level => _level;

    public bool Checksum => _checksum;

    public override byte[] Encode(ReadOnlySpan<byte> data) => Compress(data, _level, _checksum);

    public override byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var d = s_decompressor ??= new Decompressor();
        ulong size = Decompressor.GetDecompressedSize(encoded);
        try
        {
            if (size > 0 && size < int.MaxValue)
            {
                var result = new byte[size];
                int n = d.Unwrap(encoded, result);
                return n == result.Length ? result : result[..n];
            }

            return d.Unwrap(encoded).ToArray();
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"corrupt zstd data: {e.Message}", e);
        }
    }

    public override void DecodeInto(ReadOnlySpan<byte> encoded, Span<byte> destination) => DecompressInto(encoded, destination);

    internal static byte[] Compress(ReadOnlySpan<byte> data, int level, bool checksum = false)
    {
        using var c = new Compressor(level);
        if (checksum)
        {
            c.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        }

        return c.Wrap(data).ToArray();
    }

    internal static void DecompressInto(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        var d = s_decompressor ??= new Decompressor();
        int n;
        try
        {
            n = d.Unwrap(encoded, destination);
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"corrupt zstd data, or data that decode to more than the {destination.Length} bytes expected: {e.Message}", e);
        }

        if (n != destination.Length)
        {
            throw new InvalidDataException($"zstd data decode to {n} bytes where {destination.Length} were expected.");
        }
    }
}
