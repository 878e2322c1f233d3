using Tessera.IO.Codecs;

namespace Tessera.IO.Zarr;

/// <summary>
/// The compression of a Zarr array's chunks, as numcodecs names it: <see cref="Blosc"/> (zarr v2's default:
/// lz4, clevel 5, byte shuffle), <see cref="Zlib"/>, <see cref="GZip"/>, <see cref="Zstd"/> or <see cref="None"/>.
/// In a v3 array the same settings become the v3 codec of that name.
/// </summary>
public sealed class ZarrCompressor
{
    private readonly Func<int, ByteCodec>? _make;

    private ZarrCompressor(string description, Func<int, ByteCodec>? make)
    {
        Description = description;
        _make = make;
    }

    /// <summary>No compression: chunks are the elements' raw bytes.</summary>
    public static ZarrCompressor None { get; } = new("none", null);

    /// <summary>The default compressor of zarr v2: Blosc with LZ4, level 5, byte shuffle.</summary>
    public static ZarrCompressor Default { get; } = Blosc();

    /// <summary>A description, such as "blosc(cname=lz4, clevel=5, shuffle=1)".</summary>
    public string Description { get; }

    /// <summary>Blosc 1 frames (numcodecs.Blosc).</summary>
    /// <param name="cname">The inner codec: "lz4" (the default), "lz4hc", "zstd" or "zlib".</param>
    /// <param name="clevel">The level, 0 (a plain copy) to 9; the default is 5.</param>
    /// <param name="shuffle">The shuffle: <see cref="BloscShuffleMode.Byte"/> (the default), <see cref="BloscShuffleMode.Bit"/> or none.</param>
    /// <param name="blocksize">A forced block size in bytes; 0 (the default) lets Blosc choose as c-blosc does.</param>
    public static ZarrCompressor Blosc(string cname = "lz4", int clevel = 5, BloscShuffleMode shuffle = BloscShuffleMode.Byte, int blocksize = 0)
    {
        _ = new BloscCodec(cname, clevel, (int)shuffle, 8, blocksize);
        return new($"blosc(cname={cname}, clevel={clevel}, shuffle={(int)shuffle})", typesize => new BloscCodec(cname, clevel, (int)shuffle, typesize, blocksize));
    }

    /// <summary>zlib-wrapped DEFLATE (numcodecs.Zlib).</summary>
    /// <param name="level">0 to 9; the default is 1, as numcodecs.</param>
    public static ZarrCompressor Zlib(int level = 1)
    {
        _ = new DeflateCodec(false, level);
        return new($"zlib(level={level})", _ => new DeflateCodec(false, level));
    }

    /// <summary>gzip-wrapped DEFLATE (numcodecs.GZip, v3 gzip).</summary>
    /// <param name="level">0 to 9; the default is 1, as numcodecs.</param>
    public static ZarrCompressor GZip(int level = 1)
    {
        _ = new DeflateCodec(true, level);
        return new($"gzip(level={level})", _ => new DeflateCodec(true, level));
    }

    /// <summary>Zstandard (numcodecs.Zstd, v3 zstd).</summary>
    /// <param name="level">The level; the default is 1, as numcodecs.</param>
    public static ZarrCompressor Zstd(int level = 1) => new($"zstd(level={level})", _ => new ZstdCodec(level));

    /// <inheritdoc/>
    public override string ToString() => Description;

    internal ByteCodec? Create(int typesize) => _make?.Invoke(typesize);
}
