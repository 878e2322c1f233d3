using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.IO.Codecs;

namespace Tessera.IO.Zarr;

/// <summary>Builds the metadata of a new array from write options, and its JSON as zarr-python writes it (sorted keys in v2, 4-space indent).</summary>
internal static class ZarrMetadataWriter
{
    private static readonly JsonSerializerOptions Indented = new(ZarrJson.Options) { WriteIndented = true, IndentSize = 4 };

    public static ZarrMetadata Create<T>(long[] shape, int[] chunks, ZarrWriteOptions options)
        where T : unmanaged
    {
        var dtype = ZarrDType.Of(typeof(T));
        if (options.ZarrFormat is not (2 or 3))
        {
            throw new ArgumentException($"ToZarr: ZarrFormat {options.ZarrFormat} is not supported; use 2 or 3.", nameof(options));
        }

        if (options.DimensionSeparator is not ('.' or '/'))
        {
            throw new ArgumentException($"ToZarr: DimensionSeparator '{options.DimensionSeparator}' must be '.' or '/'.", nameof(options));
        }

        if (options.DimensionNames is { } names && names.Count != shape.Length)
        {
            throw new ArgumentException($"ToZarr: {names.Count} dimension names for an array of {shape.Length} axes.", nameof(options));
        }

        var codec = options.Compressor.Create(dtype.ItemSize);
        if (options.ZarrFormat == 3 && codec is Codecs.DeflateCodec { Id: "zlib" })
        {
            throw new ArgumentException("ToZarr: Zarr v3 has no zlib codec; use ZarrCompressor.GZip, Zstd or Blosc for a v3 array.", nameof(options));
        }
        ChunkPipeline pipeline = new(null, false, codec is null ? [] : [codec], null);
        if (options.ShardInnerChunks is { } inner)
        {
            if (options.ZarrFormat != 3)
            {
                throw new ArgumentException("ToZarr: sharding (ShardInnerChunks) needs ZarrFormat = 3.", nameof(options));
            }

            if (inner.Length != shape.Length || inner.Where((n, a) => n <= 0 || chunks[a] % n != 0).Any())
            {
                throw new ArgumentException(
                    $"ToZarr: the inner chunks ({string.Join(", ", inner)}) must divide the shard (block) shape ({string.Join(", ", chunks)}) along every axis.", nameof(options));
            }

            pipeline = new ChunkPipeline(null, false, [], new ShardingSpec(inner, pipeline, IndexChecksum: true, IndexAtStart: false));
        }

        byte[]? fill = null;
        string fillJson = "null";
        if (options.FillValue is { } f)
        {
            var node = FillValue.ToJson(ConvertFill<T>(f));
            fill = FillValue.Parse(node, dtype, "fill_value");
            fillJson = node.ToJsonString();
        }

        var attributes = new JsonObject();
        foreach (var (k, v) in options.Attributes ?? new Dictionary<string, object?>())
        {
            attributes[k] = JsonSerializer.SerializeToNode(v, ZarrJson.Options);
        }

        if (options.ZarrFormat == 2 && options.DimensionNames is { } dims)
        {
            attributes["_ARRAY_DIMENSIONS"] = new JsonArray([.. dims.Select(d => JsonValue.Create(d))]);
        }

        string prefix = ZarrMetadataReader.Prefix(options.ArrayPath);
        return new ZarrMetadata
        {
            Format = options.ZarrFormat,
            Prefix = prefix,
            Shape = shape,
            ChunkShape = chunks,
            DType = dtype,
            Fill = fill,
            FillJson = fillJson,
            Separator = options.ZarrFormat == 3 ? '/' : options.DimensionSeparator,
            CPrefix = options.ZarrFormat == 3,
            Pipeline = pipeline,
            DimensionNames = options.DimensionNames?.ToArray(),
            AttributesJson = attributes.ToJsonString(),
        };
    }

    private static T ConvertFill<T>(double value)
        where T : unmanaged
    {
        object boxed = typeof(T) == typeof(bool) ? value != 0 : Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        return (T)boxed;
    }

    /// <summary>The metadata file (.zarray or zarr.json).</summary>
    public static byte[] MetadataJson(ZarrMetadata m)
    {
        JsonObject o = m.Format == 2 ? V2(m) : V3(m);
        return Encoding.UTF8.GetBytes(o.ToJsonString(Indented));
    }

    /// <summary>The v2 .zattrs file, or null when there are no attributes.</summary>
    public static byte[]? AttributesJson(ZarrMetadata m) =>
        m.Format == 2 && m.AttributesJson != "{}" ? Encoding.UTF8.GetBytes(Sort(JsonNode.Parse(m.AttributesJson)!.AsObject()).ToJsonString(Indented)) : null;

    /// <summary>The metadata of a group.</summary>
    public static byte[] GroupJson(int format) => Encoding.UTF8.GetBytes(
        (format == 2 ? new JsonObject { ["zarr_format"] = 2 } : new JsonObject { ["attributes"] = new JsonObject(), ["node_type"] = "group", ["zarr_format"] = 3 }).ToJsonString(Indented));

    private static JsonObject V2(ZarrMetadata m)
    {
        JsonNode? compressor = null;
        if (m.Pipeline.Codecs is [var c])
        {
            var obj = new JsonObject { ["id"] = c.Id };
            foreach (var (k, v) in c.Configuration)
            {
                if (!(c is ZstdCodec && k == "checksum"))
                {
                    obj[k] = Scalar(v);
                }
            }

            compressor = Sort(obj);
        }

        var o = new JsonObject
        {
            ["chunks"] = new JsonArray([.. m.ChunkShape.Select(n => JsonValue.Create(n))]),
            ["compressor"] = compressor,
            ["dtype"] = m.DType.V2String,
            ["fill_value"] = JsonNode.Parse(m.FillJson),
            ["filters"] = null,
            ["order"] = "C",
            ["shape"] = new JsonArray([.. m.Shape.Select(n => JsonValue.Create(n))]),
            ["zarr_format"] = 2,
        };
        if (m.Separator != '.')
        {
            // zarr-python 2.13 writes the key only when it is not the default.
            o["dimension_separator"] = m.Separator.ToString();
        }

        return Sort(o);
    }

    private static JsonObject V3(ZarrMetadata m)
    {
        var o = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray([.. m.Shape.Select(n => JsonValue.Create(n))]),
            ["data_type"] = m.DType.Name,
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray([.. m.ChunkShape.Select(n => JsonValue.Create(n))]) },
            },
            ["chunk_key_encoding"] = new JsonObject { ["name"] = "default", ["configuration"] = new JsonObject { ["separator"] = "/" } },
            ["fill_value"] = JsonNode.Parse(m.FillJson),
            ["codecs"] = V3Codecs(m.Pipeline, m.DType),
            ["attributes"] = JsonNode.Parse(m.AttributesJson),
        };
        if (m.DimensionNames is { } names)
        {
            o["dimension_names"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]);
        }

        return o;
    }

    private static JsonArray V3Codecs(ChunkPipeline p, ZarrDType dtype)
    {
        var list = new JsonArray();
        if (p.Sharding is { } s)
        {
            list.Add(new JsonObject
            {
                ["name"] = "sharding_indexed",
                ["configuration"] = new JsonObject
                {
                    ["chunk_shape"] = new JsonArray([.. s.InnerChunk.Select(n => JsonValue.Create(n))]),
                    ["codecs"] = V3Codecs(s.Inner, dtype),
                    ["index_codecs"] = s.IndexChecksum
                        ? new JsonArray(Bytes(), new JsonObject { ["name"] = "crc32c" })
                        : new JsonArray(Bytes()),
                    ["index_location"] = s.IndexAtStart ? "start" : "end",
                },
            });
            return list;
        }

        list.Add(Bytes());
        foreach (var c in p.Codecs)
        {
            var cfg = new JsonObject();
            if (c is BloscCodec b)
            {
                cfg["typesize"] = dtype.ItemSize;
                cfg["cname"] = b.CName;
                cfg["clevel"] = b.CLevel;
                cfg["shuffle"] = b.Shuffle switch { 1 => "shuffle", 2 => "bitshuffle", _ => "noshuffle" };
                cfg["blocksize"] = b.BlockSize;
            }
            else
            {
                foreach (var (k, v) in c.Configuration)
                {
                    cfg[k] = Scalar(v);
                }
            }

            list.Add(new JsonObject { ["name"] = c.Id, ["configuration"] = cfg });
        }

        return list;

        static JsonObject Bytes() => new() { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } };
    }

    private static JsonValue Scalar(object value) => value switch
    {
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        string t => JsonValue.Create(t),
        double d => JsonValue.Create(d),
        _ => throw new ArgumentException($"codec setting of type {value.GetType().Name}", nameof(value)),
    };

    private static JsonObject Sort(JsonObject o)
    {
        var sorted = new JsonObject();
        foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sorted[k] = v?.DeepClone();
        }

        return sorted;
    }
}
