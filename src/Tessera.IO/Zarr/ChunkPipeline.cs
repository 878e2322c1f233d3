using Tessera.IO.Codecs;

namespace Tessera.IO.Zarr;

/// <summary>
/// How one chunk's elements become bytes: an axis order (v2 order "F", v3 transpose), a byte order, then
/// bytes-to-bytes codecs in order (a v2 compressor, v3 gzip/zstd/blosc/crc32c); or, for v3 sharding, a shard of inner
/// chunks. Holds only plain fields so that the tasks capturing it ship to workers.
/// </summary>
/// <param name="Order">The axis permutation applied before serialising (null: C order as is).</param>
/// <param name="BigEndian">Whether elements are stored big-endian.</param>
/// <param name="Codecs">The bytes-to-bytes codecs, in encoding order.</param>
/// <param name="Sharding">The sharding codec, when the array is sharded.</param>
internal sealed record ChunkPipeline(int[]? Order, bool BigEndian, ByteCodec[] Codecs, ShardingSpec? Sharding)
{
    /// <summary>Whether a chunk is its elements' raw bytes (decode straight from the file into the chunk buffer).</summary>
    public bool IsRaw(int itemSize) => Order is null && (!BigEndian || itemSize == 1) && Codecs.Length == 0 && Sharding is null;

    /// <summary>A short description for error messages ("blosc(lz4) → crc32c").</summary>
    public string Describe() =>
        Sharding is not null ? $"sharding_indexed(inner {string.Join("x", Sharding.InnerChunk)}: {Sharding.Inner.Describe()})"
        : Codecs.Length == 0 ? "none" : string.Join(" → ", Codecs.Select(c => c is BloscCodec b ? $"blosc({b.CName})" : c.Id));
}
