using System.Text.Json.Nodes;
using Tessera.IO.Stores;

namespace Tessera.IO.Zarr;

/// <summary>What a Zarr array's metadata say (zarr-python's <c>Array.info</c>): read without touching any chunk.</summary>
public sealed class ZarrArrayInfo
{
    private ZarrArrayInfo(ZarrMetadata meta, string location)
    {
        ZarrFormat = meta.Format;
        Shape = meta.Shape;
        Chunks = meta.ChunkShape;
        DType = meta.DType.Name;
        ElementType = meta.DType.ClrType;
        FillValue = meta.FillJson;
        Attributes = JsonNode.Parse(meta.AttributesJson)!.AsObject();
        DimensionNames = meta.DimensionNames;
        Codecs = meta.Pipeline.Describe();
        Location = location;
    }

    /// <summary>Gets the Zarr format, 2 or 3.</summary>
    public int ZarrFormat { get; }

    /// <summary>Gets the array's shape, in elements.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Gets the chunk shape of the storage grid (the shard shape of a sharded v3 array), in elements.</summary>
    public IReadOnlyList<int> Chunks { get; }

    /// <summary>Gets NumPy's name of the element type ("float64").</summary>
    public string DType { get; }

    /// <summary>Gets the .NET element type to read the array with (double for float64).</summary>
    public Type ElementType { get; }

    /// <summary>Gets the fill value as JSON ("0", "NaN", "null").</summary>
    public string FillValue { get; }

    /// <summary>Gets the user attributes.</summary>
    public JsonObject Attributes { get; }

    /// <summary>Gets the v3 dimension names, or null.</summary>
    public IReadOnlyList<string>? DimensionNames { get; }

    /// <summary>Gets a description of the chunk codecs ("blosc(lz4)", "none").</summary>
    public string Codecs { get; }

    /// <summary>Gets where the metadata were read.</summary>
    public string Location { get; }

    /// <summary>Reads the metadata of the array at <paramref name="path"/> (a store directory) and <paramref name="arrayPath"/> in it.</summary>
    /// <param name="path">The store directory.</param>
    /// <param name="arrayPath">The array's path inside the hierarchy; null for the root.</param>
    public static ZarrArrayInfo Open(string path, string? arrayPath = null) => Open(new DirectoryStore(path, readOnly: true), arrayPath);

    /// <summary>Reads the metadata of the array at <paramref name="arrayPath"/> in <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="arrayPath">The array's path inside the hierarchy; null for the root.</param>
    public static ZarrArrayInfo Open(IStore store, string? arrayPath = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var meta = ZarrMetadataReader.Open(store, arrayPath);
        return new ZarrArrayInfo(meta, ZarrMetadataReader.Where(store, meta.MetadataKey));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<zarr v{ZarrFormat} array shape=({string.Join(", ", Shape)}) chunks=({string.Join(", ", Chunks)}) dtype={DType} codecs={Codecs}>";
}
