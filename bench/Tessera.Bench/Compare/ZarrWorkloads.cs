using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.IO.Zarr;
using Tessera.Scheduling;

namespace Tessera.Bench.Compare;

/// <summary>
/// The Tessera side of bench/compare/dask_zarr.py: write and read a float64 array of --gib GiB as Zarr v2 (Blosc LZ4
/// or no compression), and the reference job at --size² read from a Zarr array. Same shapes, chunks, values and codec
/// settings as the Dask side; prints one JSON line.
/// </summary>
public static class ZarrWorkloads
{
    private const long Columns = 8192;
    private const long RowsPerChunk = 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        string workload = args[0];
        string dir = Text(args, "--dir", "/var/tmp/tessera-zarr-bench");
        string codec = Text(args, "--codec", "lz4");
        double gib = double.Parse(Text(args, "--gib", "4"), CultureInfo.InvariantCulture);
        int threads = int.Parse(Text(args, "--threads", "2"), CultureInfo.InvariantCulture);
        long size = long.Parse(Text(args, "--size", "8192"), CultureInfo.InvariantCulture);
        bool cluster = args.Contains("--cluster");
        await using LocalCluster? localCluster = cluster ? new LocalCluster(new LocalClusterOptions { NWorkers = 2, ThreadsPerWorker = 1, MemoryLimit = Text(args, "--memory-limit", "auto") }) : null;
        await using Client? client = localCluster is null ? null : await Client.ConnectAsync(localCluster, new ClientOptions { SetAsDefault = false });
        using var scope = Scheduler.Use(client is null ? new ThreadedScheduler(threads) : client);
        string engine = cluster ? "tessera-cluster" : "tessera-threaded";
        var compressor = codec == "none" ? ZarrCompressor.None : ZarrCompressor.Blosc("lz4", 5, BloscShuffleMode.Byte);
        long rows = (long)(gib * (1L << 30) / 8 / Columns);
        string path = Path.Combine(dir, $"array-{codec}-{gib.ToString(CultureInfo.InvariantCulture)}g.zarr");
        double bytes = rows * Columns * 8.0;

        // Warm-up, untimed (as the Dask side's imports are not timed): the same write and read on a 2-chunk array,
        // so the timed run does not include compiling the code paths.
        string warm = Path.Combine(dir, "warmup-tessera.zarr");
        var small = DArray.FromFunction(Block, [2 * RowsPerChunk / 16, Columns], new long[] { RowsPerChunk / 16, Columns });
        await small.ToZarrAsync(warm, new ZarrWriteOptions { Compressor = compressor, Overwrite = true });
        _ = (await DArray.FromZarr<double>(warm).Sum().ComputeAsync()).ToScalar();
        _ = await DArray.FromZarr<double>(warm).Sum(axis: 0)[0..1].ComputeAsync();
        var clock = Stopwatch.StartNew();
        object info;
        switch (workload)
        {
            case "zarr-write":
                {
                    var x = DArray.FromFunction(Block, [rows, Columns], new long[] { RowsPerChunk, Columns });
                    await x.ToZarrAsync(path, new ZarrWriteOptions { Compressor = compressor, Overwrite = true });
                    info = new { path, rows, chunks = new[] { RowsPerChunk, Columns } };
                    break;
                }

            case "zarr-read":
                {
                    double sum = (await DArray.FromZarr<double>(path).Sum().ComputeAsync()).ToScalar();
                    info = new { path, sum };
                    break;
                }

            case "zarr-facets":
                {
                    string facetsPath = Path.Combine(dir, $"facets-{size}.zarr");
                    if (!File.Exists(Path.Combine(facetsPath, ".zarray")))
                    {
                        // Written once, untimed (the Dask side reads the same array).
                        var facets = DArray.Stack(Enumerable.Range(0, 10).Select(i => DArray.Full((long)i, [size, size], new long[] { size / 4, size / 4 })), axis: 0);
                        await facets.ToZarrAsync(facetsPath, new ZarrWriteOptions { Compressor = ZarrCompressor.Default });
                        clock.Restart();
                    }

                    // Warm-up on a tiny facets array (the int64 code paths), untimed.
                    string warmFacets = Path.Combine(dir, "warmup-tessera-facets.zarr");
                    await DArray.Stack(Enumerable.Range(0, 10).Select(i => DArray.Full((long)i, [64, 64], new long[] { 16, 16 })), axis: 0)
                        .ToZarrAsync(warmFacets, new ZarrWriteOptions { Overwrite = true });
                    _ = await DArray.FromZarr<long>(warmFacets).Sum(axis: 0)[0, ..].ComputeAsync();
                    _ = await DArray.FromZarr<long>(warmFacets).Sum(axis: 0).ComputeAsync();
                    clock.Restart();
                    var stack = DArray.FromZarr<long>(facetsPath);
                    var row = await stack.Sum(axis: 0)[0, ..].ComputeAsync();
                    double rowSeconds = clock.Elapsed.TotalSeconds;
                    var total = await stack.Sum(axis: 0).ComputeAsync();
                    bytes = 10.0 * size * size * 8;
                    info = new { facetsPath, row0 = row[0], row0_seconds = rowSeconds, min = total.MinAll(), max = total.MaxAll() };
                    break;
                }

            default:
                Console.Error.WriteLine($"unknown zarr workload '{workload}' (zarr-write, zarr-read, zarr-facets)");
                return 2;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new { engine, workload, codec, seconds, gbps = bytes / seconds / 1e9, info }));
        return 0;
    }

    /// <summary>Element (r, c) is r * 8192 + c, as the Dask side's block function.</summary>
    private static NDArray<double> Block(BlockInfo b)
    {
        var block = NDArray.Empty<double>(b.Shape);
        var span = block.AsSpan();
        long start = b.Offset[0] * Columns;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = start + i;
        }

        return block;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
