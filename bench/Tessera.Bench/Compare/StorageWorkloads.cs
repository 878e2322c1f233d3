using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Arrays;
using Tessera.IO.Hdf5;
using Tessera.IO.Npy;
using Tessera.Scheduling;

namespace Tessera.Bench.Compare;

/// <summary>
/// The Tessera side of bench/compare/storage.py: read (sum) and write of an N x N float64 array as an npy stack and
/// as an HDF5 dataset, blocks of N/8 rows, on the threaded scheduler. The inputs are written once by Dask.
/// </summary>
public static class StorageWorkloads
{
    public static async Task<int> RunAsync(string[] args)
    {
        string workload = args[0];
        long n = long.Parse(Option(args, "--size", "4096"), CultureInfo.InvariantCulture);
        int threads = int.Parse(Option(args, "--threads", "2"), CultureInfo.InvariantCulture);
        string input = Option(args, "--input", "");
        string output = Option(args, "--output", "");
        long rows = Math.Max(1, n / 8);
        using var scope = Scheduler.Use(new ThreadedScheduler(threads));
        // Twice in one process: the first run pays the JIT and the pool's first pages (cold), the second is timed.
        var clock = Stopwatch.StartNew();
        await RunOnceAsync(workload, n, rows, input, Path.Combine(output, "cold"));
        double cold = clock.Elapsed.TotalSeconds;
        clock.Restart();
        string info = await RunOnceAsync(workload, n, rows, input, output);
        Console.WriteLine(JsonSerializer.Serialize(new { engine = "tessera-threaded", workload, size = n, seconds = clock.Elapsed.TotalSeconds, cold_seconds = cold, info }));
        return 0;
    }

    private static async Task<string> RunOnceAsync(string workload, long n, long rows, string input, string output)
    {
        Directory.CreateDirectory(output);
        string info;
        switch (workload)
        {
            case "npy-stack-read":
                info = Check(await DArray.FromNpyStack<double>(Path.Combine(input, "stack")).Sum().ComputeAsync(), n);
                break;
            case "hdf5-read":
                info = Check(await DArray.FromHdf5<double>(Path.Combine(input, "x.h5"), "x", ChunkSpec.BlockShape(rows, n)).Sum().ComputeAsync(), n);
                break;
            case "npy-stack-write":
                await Source(n, rows).ToNpyStackAsync(Path.Combine(output, "stack"), axis: 0);
                info = "written";
                break;
            case "hdf5-write":
                await Source(n, rows).ToHdf5Async(Path.Combine(output, "x.h5"), "x");
                info = "written";
                break;
            default:
                throw new ArgumentException($"unknown storage workload '{workload}'");
        }

        return info;
    }

    /// <summary>The array written: 1.5 everywhere (as the Dask side's <c>da.ones(...) * 1.5</c>).</summary>
    private static DArray<double> Source(long n, long rows) => DArray.Ones<double>([n, n], ChunkSpec.BlockShape(rows, n)) * 1.5;

    private static string Check(NDArray<double> sum, long n)
    {
        double expected = 1.5 * n * n;
        double got = sum.ToScalar();
        sum.Dispose();
        return got == expected ? "ok" : throw new InvalidOperationException($"sum {got}, expected {expected}");
    }

    private static string Option(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 ? args[i + 1] : fallback;
    }
}
