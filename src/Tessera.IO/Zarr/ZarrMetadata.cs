namespace Tessera.IO.Zarr;

/// <summary>The parsed metadata of one Zarr array (v2 .zarray or v3 zarr.json), in plain fields that ship to workers.</summary>
internal sealed class ZarrMetadata
{
    /// <summary>2 or 3.</summary>
    public required int Format { get; init; }

    /// <summary>The array's key prefix in its store ("" for the root, else "a/b/").</summary>
    public required string Prefix { get; init; }

    public required long[] Shape { get; init; }

    /// <summary>The chunk shape of the storage grid (the shard shape for a sharded v3 array).</summary>
    public required int[] ChunkShape { get; init; }

    public required ZarrDType DType { get; init; }

    /// <summary>The fill value as one element's bytes in this machine's byte order; null when the metadata say null.</summary>
    public required byte[]? Fill { get; init; }

    /// <summary>The fill value as JSON, as written in the metadata.</summary>
    public required string FillJson { get; init; }

    /// <summary>The chunk key separator ('.' or '/').</summary>
    public required char Separator { get; init; }

    /// <summary>Whether chunk keys start with "c" (v3's default chunk key encoding).</summary>
    public required bool CPrefix { get; init; }

    public required ChunkPipeline Pipeline { get; init; }

    public string[]? DimensionNames { get; init; }

    /// <summary>The attributes as JSON text ("{}" when none).</summary>
    public string AttributesJson { get; init; } = "{}";

    /// <summary>The metadata key ("a/.zarray" or "a/zarr.json").</summary>
    public string MetadataKey => Prefix + (Format == 2 ? ".zarray" : "zarr.json");

    /// <summary>The store key of the chunk at <paramref name="index"/> in the chunk grid.</summary>
    public string ChunkKey(ReadOnlySpan<long> index)
    {
        var text = new System.Text.StringBuilder(Prefix);
        if (CPrefix)
        {
            text.Append('c');
            foreach (long i in index)
            {
                text.Append(Separator).Append(i);
            }

            return text.ToString();
        }

        if (index.Length == 0)
        {
            return text.Append('0').ToString();
        }

        for (int a = 0; a < index.Length; a++)
        {
            if (a > 0)
            {
                text.Append(Separator);
            }

            text.Append(index[a]);
        }

        return text.ToString();
    }

    /// <summary>The number of chunks along each axis.</summary>
    public long[] GridShape => [.. Shape.Select((n, a) => (n + ChunkShape[a] - 1) / ChunkShape[a])];
}
