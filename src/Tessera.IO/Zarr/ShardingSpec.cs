namespace Tessera.IO.Zarr;

/// <summary>Zarr v3's sharding_indexed codec: inner chunks of <see cref="InnerChunk"/> each encoded by <see cref="Inner"/>, plus an index.</summary>
/// <param name="InnerChunk">The inner chunk shape, in elements.</param>
/// <param name="Inner">The codecs of each inner chunk.</param>
/// <param name="IndexChecksum">Whether the index codecs end with crc32c.</param>
/// <param name="IndexAtStart">Whether the index sits at the start of the shard (index_location "start") rather than its end.</param>
internal sealed record ShardingSpec(int[] InnerChunk, ChunkPipeline Inner, bool IndexChecksum, bool IndexAtStart);
