using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.IO.Codecs;
using Tessera.IO.Stores;

namespace Tessera.IO.Zarr;

/// <summary>Finds and parses an array's metadata: v2 (.zarray, .zattrs) or v3 (zarr.json); every problem names the file.</summary>
internal static class ZarrMetadataReader
{
    public const string SupportedCodecs = "v2 compressors: blosc (lz4, lz4hc, zstd, zlib), zlib, gzip, zstd, none; v3 codecs: bytes, transpose, blosc, gzip, zstd, crc32c, sharding_indexed";

    public static ZarrMetadata Open(IStore store, string? arrayPath)
    {
        string prefix = Prefix(arrayPath);
        byte[]? v3 = store.Get(prefix + "zarr.json");
        if (v3 is not null)
        {
            return ParseV3(store, prefix, v3);
        }

        byte[]? v2 = store.Get(prefix + ".zarray");
        if (v2 is not null)
        {
            return ParseV2(store, prefix, v2);
        }

        string where = Where(store, prefix);
        string what = store.Exists(prefix + ".zgroup") ? " (it is a group; name an array inside it)" : "";
        throw new FileNotFoundException($"No Zarr array at '{where}'{what}: neither '.zarray' (v2) nor 'zarr.json' (v3) exists there.", where);
    }

    public static string Prefix(string? arrayPath)
    {
        string p = (arrayPath ?? "").Trim('/');
        return p.Length == 0 ? "" : p + "/";
    }

    public static string Where(IStore store, string key) => store.Location.TrimEnd('/') + "/" + key;

    private static JsonObject ParseJson(byte[] bytes, string file)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? throw new InvalidDataException($"'{file}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file}' is not valid JSON: {e.Message}", e);
        }
    }

    private static T Required<T>(JsonObject o, string name, string file)
    {
        if (!o.TryGetPropertyValue(name, out var node) || node is null)
        {
            throw new InvalidDataException($"'{file}' has no \"{name}\".");
        }

        try
        {
            return node.Deserialize<T>(ZarrJson.Options) ?? throw new InvalidDataException($"'{file}': \"{name}\" is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file}': \"{name}\" is not a {typeof(T).Name} ({node.ToJsonString()}).", e);
        }
    }

    private static ZarrMetadata ParseV2(IStore store, string prefix, byte[] bytes)
    {
        string file = Where(store, prefix + ".zarray");
        var o = ParseJson(bytes, file);
        int format = Required<int>(o, "zarr_format", file);
        if (format != 2)
        {
            throw new InvalidDataException($"'{file}' says zarr_format {format}; a .zarray must be format 2.");
        }

        long[] shape = Required<long[]>(o, "shape", file);
        int[] chunks = Required<int[]>(o, "chunks", file);
        CheckGrid(shape, chunks, file);
        string dtypeText = Required<string>(o, "dtype", file);
        var dtype = ZarrDType.ParseV2(dtypeText)
            ?? throw new NotSupportedException($"'{file}': dtype '{dtypeText}' is not supported; supported: {ZarrDType.Supported}.");
        if (o["filters"] is JsonArray { Count: > 0 } filters)
        {
            throw new NotSupportedException($"'{file}': filters {filters.ToJsonString()} are not supported (only filters: null); supported {SupportedCodecs}.");
        }

        string order = o["order"]?.GetValue<string>() ?? "C";
        if (order is not ("C" or "F"))
        {
            throw new InvalidDataException($"'{file}': order '{order}' is neither \"C\" nor \"F\".");
        }

        string sep = o["dimension_separator"]?.GetValue<string>() ?? ".";
        if (sep is not ("." or "/"))
        {
            throw new InvalidDataException($"'{file}': dimension_separator '{sep}' is neither \".\" nor \"/\".");
        }

        var codecs = o["compressor"] is JsonObject c ? [V2Compressor(c, dtype, file)] : Array.Empty<ByteCodec>();
        int[]? perm = order == "F" && shape.Length > 1 ? [.. Enumerable.Range(0, shape.Length).Reverse()] : null;
        byte[]? attrs = store.Get(prefix + ".zattrs");
        return new ZarrMetadata
        {
            Format = 2,
            Prefix = prefix,
            Shape = shape,
            ChunkShape = chunks,
            DType = dtype,
            Fill = FillValue.Parse(o["fill_value"], dtype, file),
            FillJson = o["fill_value"]?.ToJsonString() ?? "null",
            Separator = sep[0],
            CPrefix = false,
            Pipeline = new ChunkPipeline(perm, dtype.BigEndian, codecs, null),
            AttributesJson = attrs is null ? "{}" : ParseJson(attrs, Where(store, prefix + ".zattrs")).ToJsonString(),
        };
    }

    private static ByteCodec V2Compressor(JsonObject c, ZarrDType dtype, string file)
    {
        string id = c["id"]?.GetValue<string>() ?? throw new InvalidDataException($"'{file}': the compressor has no \"id\".");
        int Int(string name, int fallback) => c[name] is { } n ? n.GetValue<int>() : fallback;
        return id switch
        {
            "blosc" => new BloscCodec(c["cname"]?.GetValue<string>() ?? "lz4", Int("clevel", 5), Int("shuffle", 1) < 0 ? (dtype.ItemSize == 1 ? 2 : 1) : Int("shuffle", 1), dtype.ItemSize, Int("blocksize", 0)),
            "zlib" => new DeflateCodec(gzip: false, Int("level", 1)),
            "gzip" => new DeflateCodec(gzip: true, Int("level", 1)),
            "zstd" => new ZstdCodec(Int("level", 1), c["checksum"]?.GetValue<bool>() ?? false),
            _ => throw new NotSupportedException($"'{file}': compressor '{id}' is not supported; supported {SupportedCodecs}."),
        };
    }

    private static void CheckGrid(long[] shape, int[] chunks, string file)
    {
        if (shape.Length != chunks.Length || shape.Any(n => n < 0) || chunks.Any(n => n <= 0))
        {
            throw new InvalidDataException($"'{file}': shape [{string.Join(", ", shape)}] and chunks [{string.Join(", ", chunks)}] do not describe a grid (same length, shape >= 0, chunks > 0).");
        }
    }

    private static ZarrMetadata ParseV3(IStore store, string prefix, byte[] bytes)
    {
        string file = Where(store, prefix + "zarr.json");
        var o = ParseJson(bytes, file);
        int format = Required<int>(o, "zarr_format", file);
        string nodeType = Required<string>(o, "node_type", file);
        if (format != 3 || nodeType != "array")
        {
            throw new InvalidDataException($"'{file}' is a v{format} {nodeType}, not a v3 array{(nodeType == "group" ? "; name an array inside the group" : "")}.");
        }

        long[] shape = Required<long[]>(o, "shape", file);
        string dtypeText = o["data_type"] is JsonValue dv && dv.TryGetValue(out string? dts) ? dts : o["data_type"]?.ToJsonString() ?? "(none)";
        var dtype = ZarrDType.ParseV3(dtypeText)
            ?? throw new NotSupportedException($"'{file}': data_type '{dtypeText}' is not supported; supported: {ZarrDType.Supported}.");
        var grid = Required<JsonObject>(o, "chunk_grid", file);
        if (grid["name"]?.GetValue<string>() != "regular")
        {
            throw new NotSupportedException($"'{file}': chunk_grid '{grid["name"]}' is not supported; supported: regular.");
        }

        int[] chunks = grid["configuration"]?["chunk_shape"]?.Deserialize<int[]>(ZarrJson.Options) ?? throw new InvalidDataException($"'{file}': chunk_grid has no chunk_shape.");
        CheckGrid(shape, chunks, file);
        var keys = o["chunk_key_encoding"] as JsonObject;
        string encoding = keys?["name"]?.GetValue<string>() ?? "default";
        string sep = keys?["configuration"]?["separator"]?.GetValue<string>() ?? (encoding == "v2" ? "." : "/");
        if (encoding is not ("default" or "v2") || sep is not ("." or "/"))
        {
            throw new NotSupportedException($"'{file}': chunk_key_encoding {keys?.ToJsonString()} is not supported; supported: default or v2, separator \"/\" or \".\".");
        }

        var codecs = Required<JsonArray>(o, "codecs", file);
        string[]? names = o["dimension_names"] is JsonArray dn ? [.. dn.Select(n => n?.GetValue<string>() ?? "")] : null;
        return new ZarrMetadata
        {
            Format = 3,
            Prefix = prefix,
            Shape = shape,
            ChunkShape = chunks,
            DType = dtype,
            Fill = FillValue.Parse(o["fill_value"], dtype, file),
            FillJson = o["fill_value"]?.ToJsonString() ?? "null",
            Separator = sep[0],
            CPrefix = encoding == "default",
            Pipeline = V3Pipeline(codecs, dtype, chunks.Length, file),
            DimensionNames = names,
            AttributesJson = (o["attributes"] as JsonObject)?.ToJsonString() ?? "{}",
        };
    }

    internal static ChunkPipeline V3Pipeline(JsonArray codecs, ZarrDType dtype, int ndim, string file)
    {
        int[]? order = null;
        bool bigEndian = false;
        bool sawArrayToBytes = false;
        ShardingSpec? sharding = null;
        var bytesCodecs = new List<ByteCodec>();
        foreach (var node in codecs)
        {
            var c = node as JsonObject ?? throw new InvalidDataException($"'{file}': codec {node?.ToJsonString()} is not an object.");
            string name = c["name"]?.GetValue<string>() ?? throw new InvalidDataException($"'{file}': a codec has no \"name\".");
            var cfg = c["configuration"] as JsonObject ?? [];
            if (!sawArrayToBytes && name == "transpose")
            {
                int[] perm = cfg["order"]?.Deserialize<int[]>(ZarrJson.Options) ?? throw new InvalidDataException($"'{file}': transpose has no \"order\".");
                if (perm.Length != ndim || perm.Order().Where((a, i) => a != i).Any())
                {
                    throw new InvalidDataException($"'{file}': transpose order [{string.Join(", ", perm)}] is not a permutation of {ndim} axes.");
                }

                order = order is null ? perm : [.. perm.Select(a => order[a])];
                continue;
            }

            if (!sawArrayToBytes && name is "bytes" or "endian")
            {
                bigEndian = cfg["endian"]?.GetValue<string>() == "big";
                sawArrayToBytes = true;
                continue;
            }

            if (!sawArrayToBytes && name == "sharding_indexed")
            {
                int[] inner = cfg["chunk_shape"]?.Deserialize<int[]>(ZarrJson.Options) ?? throw new InvalidDataException($"'{file}': sharding_indexed has no chunk_shape.");
                var innerPipeline = V3Pipeline(cfg["codecs"] as JsonArray ?? [new JsonObject { ["name"] = "bytes" }], dtype, ndim, file);
                var index = cfg["index_codecs"] as JsonArray ?? [new JsonObject { ["name"] = "bytes" }, new JsonObject { ["name"] = "crc32c" }];
                var indexNames = index.Select(n => n?["name"]?.GetValue<string>()).ToArray();
                bool checksum = indexNames.SequenceEqual(["bytes", "crc32c"]);
                bool littleIndex = index[0]?["configuration"]?["endian"]?.GetValue<string>() is null or "little";
                if (!(checksum || indexNames.SequenceEqual(["bytes"])) || !littleIndex)
                {
                    throw new NotSupportedException($"'{file}': sharding index_codecs {index.ToJsonString()} are not supported; supported: [bytes (little)] or [bytes (little), crc32c].");
                }

                string location = cfg["index_location"]?.GetValue<string>() ?? "end";
                sharding = new ShardingSpec(inner, innerPipeline, checksum, location == "start");
                sawArrayToBytes = true;
                continue;
            }

            if (sawArrayToBytes)
            {
                bytesCodecs.Add(name switch
                {
                    "gzip" => new DeflateCodec(gzip: true, cfg["level"]?.GetValue<int>() ?? 5),
                    "zstd" => new ZstdCodec(cfg["level"]?.GetValue<int>() ?? 0, cfg["checksum"]?.GetValue<bool>() ?? false),
                    "crc32c" => new Crc32cCodec(),
                    "blosc" => new BloscCodec(
                        cfg["cname"]?.GetValue<string>() ?? "lz4",
                        cfg["clevel"]?.GetValue<int>() ?? 5,
                        (cfg["shuffle"]?.GetValue<string>() ?? "noshuffle") switch { "shuffle" => 1, "bitshuffle" => 2, _ => 0 },
                        cfg["typesize"]?.GetValue<int>() ?? dtype.ItemSize,
                        cfg["blocksize"]?.GetValue<int>() ?? 0),
                    _ => throw new NotSupportedException($"'{file}': codec '{name}' is not supported; supported {SupportedCodecs}."),
                });
                continue;
            }

            throw new NotSupportedException($"'{file}': codec '{name}' is not supported here (before the array-to-bytes codec); supported {SupportedCodecs}.");
        }

        if (!sawArrayToBytes)
        {
            throw new InvalidDataException($"'{file}': the codecs have no array-to-bytes codec (bytes or sharding_indexed).");
        }

        return new ChunkPipeline(order, bigEndian, [.. bytesCodecs], sharding);
    }
}
