namespace Tessera.IO.Zarr;

/// <summary>How <c>ToZarr</c> writes an array (dask's <c>to_zarr</c> arguments).</summary>
public sealed record ZarrWriteOptions
{
    /// <summary>Gets the path of the array inside the store's hierarchy (dask's <c>component</c>); parent groups are created. The default, null, is the store root.</summary>
    public string? ArrayPath { get; init; }

    /// <summary>Gets the Zarr format, 2 or 3; the default is 2.</summary>
    public int ZarrFormat { get; init; } = 2;

    /// <summary>Gets the chunk compression; the default is <see cref="ZarrCompressor.Default"/> (Blosc LZ4, level 5, byte shuffle), zarr v2's default.</summary>
    public ZarrCompressor Compressor { get; init; } = ZarrCompressor.Default;

    /// <summary>Gets a value indicating whether to replace an existing array at the path; the default is false (an existing array is an error).</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Gets a value indicating whether to rechunk blocks that do not line up with the chunks instead of refusing; the
    /// default is false. A new array takes the first block size along each axis as its chunk size.
    /// </summary>
    public bool Rechunk { get; init; }

    /// <summary>
    /// Gets the start, per axis, of the region of an existing array to write into (dask's <c>region</c>); the region's
    /// extent is the written array's shape. The default, null, creates a new array.
    /// </summary>
    public long[]? RegionStart { get; init; }

    /// <summary>Gets the fill value written in the metadata (what missing chunks read as); null writes null. The default is 0.</summary>
    public double? FillValue { get; init; } = 0;

    /// <summary>Gets the user attributes (.zattrs in v2, "attributes" in v3), serialised as JSON; the default is none.</summary>
    public IReadOnlyDictionary<string, object?>? Attributes { get; init; }

    /// <summary>Gets the names of the axes: v3 "dimension_names"; in v2, xarray's "_ARRAY_DIMENSIONS" attribute. The default is none.</summary>
    public IReadOnlyList<string>? DimensionNames { get; init; }

    /// <summary>Gets the inner chunk shape for a sharded v3 array (each block becomes a shard of such chunks); the default, null, writes no shards.</summary>
    public int[]? ShardInnerChunks { get; init; }

    /// <summary>Gets the v2 chunk key separator, '.' (the default) or '/'.</summary>
    public char DimensionSeparator { get; init; } = '.';
}
