using System.Text.Json;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Zarr v3 both ways with zarrita (npm) under node: codecs, byte order, transpose, crc32c, sharding, dimension names, attributes.</summary>
public sealed class ZarrV3ZarritaTests
{
    [Fact]
    public void ArraysWrittenByZarritaAreReadExactly()
    {
        using var dir = new TempDir();
        string path = dir.Sub("z.zarr");
        Tool.Node("write_v3.mjs", path);
        Check<double>(path, "f64_blosc");
        Check<int>(path, "i32_gzip");
        Check<ushort>(path, "u16_zstd_big");
        Check<long>(path, "i64_transpose");
        Check<bool>(path, "bool_plain");
        Check<float>(path, "f32_bitshuffle");
        Check<byte>(path, "u8_plain");
        var info = ZarrArrayInfo.Open(path, "f64_blosc");
        Assert.Equal(3, info.ZarrFormat);
        Assert.Equal(["y", "x"], info.DimensionNames!);
        Assert.Equal("f64_blosc", info.Attributes["name"]!.GetValue<string>());
    }

    private static void Check<T>(string path, string name)
        where T : unmanaged
    {
        var x = DArray.FromZarr<T>(path, name);
        Assert.Equal([37L, 29L], x.Shape);
        Assert.Equal([3, 3], x.NumBlocks);
        Assert.Equal(Pattern.Of<T>(37 * 29), x.Compute().ToArray());
    }

    public static TheoryData<string> WriteCases => ["none", "blosc-lz4", "blosc-zstd-bit", "gzip", "zstd", "shard-gzip", "shard-none"];

    [Theory]
    [MemberData(nameof(WriteCases))]
    public void ArraysWrittenByTesseraAreReadByZarrita(string name)
    {
        using var dir = new TempDir();
        string path = dir.Sub("t.zarr");
        var options = new ZarrWriteOptions
        {
            ZarrFormat = 3,
            ArrayPath = "group/data",
            Compressor = name switch
            {
                "blosc-lz4" => ZarrCompressor.Blosc("lz4", 5, BloscShuffleMode.Byte),
                "blosc-zstd-bit" => ZarrCompressor.Blosc("zstd", 3, BloscShuffleMode.Bit),
                "gzip" or "shard-gzip" => ZarrCompressor.GZip(5),
                "zstd" => ZarrCompressor.Zstd(3),
                _ => ZarrCompressor.None,
            },
            ShardInnerChunks = name.StartsWith("shard", StringComparison.Ordinal) ? [8, 5] : null,
            DimensionNames = ["time", "x"],
            Attributes = new Dictionary<string, object?> { ["units"] = "m", ["scale"] = 2.5 },
        };
        Write<double>(path, options);
        AssertZarritaReads<double>(path, "group/data", options);
        Write<int>(dir.Sub("i.zarr"), options);
        AssertZarritaReads<int>(dir.Sub("i.zarr"), "group/data", options);
        Write<bool>(dir.Sub("b.zarr"), options);
        AssertZarritaReads<bool>(dir.Sub("b.zarr"), "group/data", options);
        Write<ulong>(dir.Sub("u.zarr"), options);
        AssertZarritaReads<ulong>(dir.Sub("u.zarr"), "group/data", options);

        // Tessera reads back what it wrote, sharded or not.
        Assert.Equal(Pattern.Of<double>(40 * 30), DArray.FromZarr<double>(path, "group/data").Compute().ToArray());
    }

    private static void Write<T>(string path, ZarrWriteOptions options)
        where T : unmanaged =>
        DArray.FromArray(NDArray.Wrap(Pattern.Of<T>(40 * 30), 40, 30), new long[] { 16, 10 }).ToZarr(path, options);

    private static void AssertZarritaReads<T>(string path, string arrayPath, ZarrWriteOptions options)
        where T : unmanaged
    {
        using var json = JsonDocument.Parse(Tool.Node("read_v3.mjs", path, arrayPath));
        var root = json.RootElement;
        Assert.Equal([40, 30], root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        // zarrita reports the inner chunk shape of a sharded array.
        Assert.Equal(options.ShardInnerChunks ?? [16, 10], root.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["time", "x"], root.GetProperty("dims").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("m", root.GetProperty("attrs").GetProperty("units").GetString());
        var expected = Pattern.AsJsonText(Pattern.Of<T>(40 * 30));
        var actual = root.GetProperty("values").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
        if (typeof(T) == typeof(double))
        {
            Assert.Equal(expected.Select(double.Parse), actual.Select(double.Parse));
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }
}
