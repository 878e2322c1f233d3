using Tessera.IO.Tests.Support;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>
/// Reads and writes on a LocalCluster of worker processes: the chunk tasks run in the workers, which receive
/// Tessera.IO and its packages (K4os LZ4, ZstdSharp) as shipped user assemblies.
/// </summary>
[Collection("cluster")]
public sealed class ZarrClusterTests(Schedulers schedulers) : IClassFixture<Schedulers>
{
    private readonly IScheduler _client = schedulers.Get("cluster");

    [Fact]
    public async Task WorkersWriteAndReadEveryCodecAndPythonAgrees()
    {
        using var dir = new TempDir();
        using var scope = Scheduler.Use(_client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var x = DArray.FromFunction(b => NDArray.Full((double)(b.Index[0] * 10 + b.Index[1]), b.Shape), [100, 60], new long[] { 25, 20 });
        string[] paths = [dir.Sub("blosc.zarr"), dir.Sub("zstd.zarr"), dir.Sub("v3.zarr")];
        ZarrWriteOptions?[] options =
        [
            null,
            new ZarrWriteOptions { Compressor = ZarrCompressor.Zstd(3) },
            new ZarrWriteOptions { ZarrFormat = 3, Compressor = ZarrCompressor.Blosc("lz4", 5, BloscShuffleMode.Bit), ShardInnerChunks = [5, 10] },
        ];
        await DArray.StoreAsync([x, x + 1.0, x * 2.0], paths, options, timeout.Token);

        var expected = x.Compute().ToArray();
        Assert.Equal(expected, (await DArray.FromZarr<double>(paths[0]).ComputeAsync(timeout.Token)).ToArray());
        Assert.Equal(expected.Select(v => v + 1), (await DArray.FromZarr<double>(paths[1]).ComputeAsync(timeout.Token)).ToArray());
        Assert.Equal(expected.Select(v => v * 2), (await DArray.FromZarr<double>(paths[2]).ComputeAsync(timeout.Token)).ToArray());
        Assert.Equal(3.0 * 10 + 2, (await DArray.FromZarr<double>(paths[0])[80, 45].ComputeAsync(timeout.Token)).ToScalar());
        Tool.Python("""
import sys, numpy as np, zarr
a, b = zarr.open(sys.argv[1], 'r'), zarr.open(sys.argv[2], 'r')
assert a[99, 59] == 32 and b[99, 59] == 33 and a.chunks == (25, 20), (a[99, 59], b[99, 59], a.chunks)
""", paths[0], paths[1]);
    }

    [Fact]
    public void RandomArraysRoundTripOnTheCluster()
    {
        using var dir = new TempDir();
        using var scope = Scheduler.Use(_client);
        for (int seed = 100; seed < 106; seed++)
        {
            var rng = new Random(seed);
            if (seed % 2 == 0)
            {
                RoundTripProperties.Run<double>(rng, i => i * 0.5, dir.Path);
            }
            else
            {
                RoundTripProperties.Run<short>(rng, i => (short)(i % 3000), dir.Path);
            }
        }
    }
}

[CollectionDefinition("cluster", DisableParallelization = true)]
public sealed class ClusterCollection;
