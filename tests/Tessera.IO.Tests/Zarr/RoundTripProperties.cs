using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>
/// Random shapes, chunkings, dtypes, codecs, formats and selections: what is written reads back exactly, whole and
/// selected, compared with the same selection of the in-memory array (the oracle).
/// </summary>
public sealed class RoundTripProperties
{
    internal static readonly ZarrCompressor[] Compressors =
    [
        ZarrCompressor.None, ZarrCompressor.Default, ZarrCompressor.Blosc("lz4", 5, BloscShuffleMode.Bit), ZarrCompressor.Blosc("zstd", 1, BloscShuffleMode.Byte),
        ZarrCompressor.Blosc("zlib", 1, BloscShuffleMode.None), ZarrCompressor.Zlib(1), ZarrCompressor.GZip(1), ZarrCompressor.Zstd(1),
    ];

    public static TheoryData<int, string> Seeds()
    {
        var data = new TheoryData<int, string>();
        for (int seed = 0; seed < 24; seed++)
        {
            data.Add(seed, seed % 2 == 0 ? "sync" : "threads");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomArraysRoundTrip(int seed, string scheduler)
    {
        using var scope = Scheduler.Use(scheduler == "sync" ? new SynchronousScheduler() : new ThreadedScheduler(2));
        var rng = new Random(seed);
        switch (rng.Next(6))
        {
            case 0: Run<double>(rng, i => Math.Sin(i) * 1e6); break;
            case 1: Run<float>(rng, i => (float)(i * 0.25)); break;
            case 2: Run<int>(rng, i => (int)(i * 2654435761L)); break;
            case 3: Run<ushort>(rng, i => (ushort)(i * 31)); break;
            case 4: Run<bool>(rng, i => i % 3 == 1); break;
            default: Run<long>(rng, i => -i * 1_000_003L); break;
        }
    }

    internal static void Run<T>(Random rng, Func<long, T> value, string? root = null)
        where T : unmanaged
    {
        int ndim = rng.Next(1, 4);
        long[] shape = [.. Enumerable.Range(0, ndim).Select(_ => (long)rng.Next(1, 40))];
        long[] block = [.. shape.Select(n => (long)rng.Next(1, (int)n + 1))];
        long size = shape.Aggregate(1L, (a, b) => a * b);
        var expected = NDArray.Wrap(Enumerable.Range(0, (int)size).Select(i => value(i)).ToArray(), shape);
        int format = rng.Next(2) + 2;
        var compressor = Compressors[rng.Next(Compressors.Length)];
        if (format == 3 && compressor.Description.StartsWith("zlib", StringComparison.Ordinal))
        {
            compressor = ZarrCompressor.GZip(1); // v3 has no zlib codec
        }

        bool shard = format == 3 && rng.Next(3) == 0 && block.All(b => b % 2 == 0);
        var options = new ZarrWriteOptions
        {
            ZarrFormat = format,
            Compressor = compressor,
            ShardInnerChunks = shard ? [.. block.Select(b => (int)(b / 2))] : null,
            ArrayPath = rng.Next(2) == 0 ? null : "g/a",
            DimensionSeparator = rng.Next(2) == 0 ? '.' : '/',
        };
        using var dir = root is null ? new TempDir() : null;
        string path = Path.Combine(root ?? dir!.Path, "p" + rng.Next());
        DArray.FromArray(expected, block).ToZarr(path, options);

        var x = DArray.FromZarr<T>(path, options.ArrayPath);
        Assert.Equal(shape, x.Shape);
        Assert.Equal(expected.ToArray(), x.Compute().ToArray());

        // A random selection of each axis (an index, or a range with a step) equals NumPy-style slicing in memory.
        var sel = shape.Select(n => rng.Next(3) == 0 ? SliceSpec.At(rng.Next((int)n)) : SliceSpec.Range(rng.Next((int)n), n, rng.Next(1, 4))).ToArray();
        Assert.Equal(expected.Slice(sel).ToArray(), x[sel].Compute().ToArray());
    }
}
