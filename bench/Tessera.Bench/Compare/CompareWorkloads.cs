using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.Scheduling;

namespace Tessera.Bench.Compare;

/// <summary>
/// The Tessera side (and the hand-written C# floor) of the workloads that bench/compare/dask_workloads.py
/// runs in Dask: the same arithmetic, the same sizes, the same thread count.
/// </summary>
public static class CompareWorkloads
{
    public static async Task<int> RunAsync(string[] args)
    {
        string workload = args[0];
        // --security on|off: mutual TLS on every connection (the clusters' default) or none; on by default.
        bool secure = Text(args, "--security", "on") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--security takes on or off, not '{other}'."),
        };
        if (workload == "transfer")
        {
            return await TransferWorkload.RunAsync(Option(args, "--size", 128), (int)Option(args, "--rounds", 3), secure);
        }

        if (workload.StartsWith("zarr-", StringComparison.Ordinal))
        {
            return await ZarrWorkloads.RunAsync(args);
        }

        if (workload == "transfer-serve")
        {
            return await TransferWorkload.ServeAsync(Option(args, "--size", 128), Text(args, "--credentials", ""));
        }

        long size = Option(args, "--size", 4096);
        int facets = (int)Option(args, "--facets", 10);
        int threads = (int)Option(args, "--threads", 2);
        bool floor = args.Contains("--floor");
        long poolFree = Option(args, "--pool-free-mib", -1);
        if (poolFree >= 0)
        {
            ChunkPool.Shared.MaxFreeBytes = poolFree << 20;
        }

        // --cluster: Dask's distributed layout (LocalCluster of 2 worker processes x 1 thread); start-up is not timed.
        bool cluster = args.Contains("--cluster");
        int limitAt = Array.IndexOf(args, "--memory-limit");
        string memoryLimit = limitAt >= 0 ? args[limitAt + 1] : "auto";
        await using LocalCluster? localCluster = cluster ? new LocalCluster(new LocalClusterOptions { NWorkers = 2, ThreadsPerWorker = 1, MemoryLimit = memoryLimit, Security = secure ? null : Security.None }) : null;
        await using Client? client = localCluster is null ? null : await Client.ConnectAsync(localCluster, new ClientOptions { SetAsDefault = false });
        using var scope = Scheduler.Use(client is null ? new ThreadedScheduler(threads) : client);
        string engine = floor ? "csharp-floor" : cluster ? "tessera-cluster" : "tessera-threaded";
        Func<Task<string>>? shortRun = (workload, floor) switch
        {
            ("graph-build", _) => () => Task.FromResult(GraphBuild()),
            ("ones-sum", false) => OnesSum,
            ("ones-sum", true) => () => Task.FromResult(FloorOnesSum()),
            ("tiny-tasks", _) => () => TinyTasks(10_000),
            _ => null,
        };
        if (shortRun is not null)
        {
            // warm: median of 5 runs after one warm-up, as the Dask side does (JIT warm-up excluded)
            await shortRun();
            var times = new double[5];
            string built = "";
            for (int i = 0; i < times.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                built = await shortRun();
                times[i] = watch.Elapsed.TotalSeconds;
            }

            Array.Sort(times);
            Console.WriteLine(JsonSerializer.Serialize(new { engine, workload, size, seconds = times[2], info = built }));
            return 0;
        }

        if (args.Contains("--warm") && !floor && workload.StartsWith("facets", StringComparison.Ordinal))
        {
            // Workers warm (code compiled, pools and pages backed): the job once untimed, as the Dask side does with --warm.
            await Facets(size, facets, full: workload == "facets-sum");
        }

        using var memory = new ProcessTreeMemory();
        var clock = Stopwatch.StartNew();
        string info = (workload, floor) switch
        {
            ("facets-row0", false) => await Facets(size, facets, full: false),
            ("facets-sum", false) => await Facets(size, facets, full: true),
            ("facets-row0", true) => FloorFacets(size, facets, full: false),
            ("facets-sum", true) => FloorFacets(size, facets, full: true),
            (_, false) when workload.StartsWith("math-", StringComparison.Ordinal) => await ArrayMathWorkloads.RunAsync(workload, Option(args, "--array-size", 16384), Option(args, "--array-chunk", 1024)),
            _ => throw new ArgumentException($"unknown workload '{workload}'"),
        };
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            engine,
            workload,
            size,
            seconds,
            info,
            peak_tree_mib = memory.PeakMiB,
        }));
        return 0;
    }

    private static string Text(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 ? args[i + 1] : fallback;
    }

    private static long Option(string[] args, string name, long fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static NDArray<long> MyF(long n, int i) => i * NDArray.Ones<long>(n, n);

    private static async Task<string> Facets(long n, int facets, bool full)
    {
        var lazy = Enumerable.Range(0, facets).Select(i => Delayed.Call(MyF, n, i)).ToList();
        var arrays = lazy.Select(d => DArray.FromDelayed(d, shape: [n, n])).ToList();
        var stack = DArray.Stack(arrays, axis: 0).Rechunk([1, n / 4, n / 4]);
        var total = stack.Sum(axis: 0);
        using var result = await (full ? total : total[0, ..]).ComputeAsync();
        Expect(result, (long)facets * (facets - 1) / 2);
        return string.Join("x", result.Shape.ToArray());
    }

    /// <summary>The floor: the same user function per facet, and a plain loop for the sum.</summary>
    private static unsafe string FloorFacets(long n, int facets, bool full)
    {
        var acc = new long[full ? n * n : n];
        for (int i = 0; i < facets; i++)
        {
            using var facet = MyF(n, i);
            long* p = facet.Pointer;
            for (long k = 0; k < acc.LongLength; k++)
            {
                acc[k] += p[k];
            }
        }

        long expected = (long)facets * (facets - 1) / 2;
        if (acc.Any(v => v != expected))
        {
            throw new InvalidOperationException("floor: wrong result");
        }

        return full ? $"{n}x{n}" : $"{n}";
    }

    private static async Task<string> OnesSum()
    {
        using var value = await DArray.Ones<double>([20000, 20000], 200).Sum().ComputeAsync();
        if (value.SumAll() != 20000.0 * 20000.0)
        {
            throw new InvalidOperationException("ones-sum: wrong result");
        }

        return "10000 chunks";
    }

    /// <summary>The floor: 10,000 blocks of 200×200 ones, each filled and summed, in a plain loop.</summary>
    private static string FloorOnesSum()
    {
        var block = new double[200 * 200];
        double total = 0;
        for (int b = 0; b < 10_000; b++)
        {
            Array.Fill(block, 1.0);
            total += System.Numerics.Tensors.TensorPrimitives.Sum<double>(block);
        }

        return total == 20000.0 * 20000.0 ? "10000 chunks" : throw new InvalidOperationException("floor: wrong result");
    }

    private static string GraphBuild()
    {
        var x = DArray.Ones<double>([1000, 1000], 10);
        var y = ((x + 1.0) * 2.0 - x).Sum(axis: 0);
        // The same result as Dask's graph + __dask_optimize__: an optimised graph with constants and the
        // reduction's per-block step fused into the elementwise tasks (13,400 tasks on both sides).
        var plan = y.Plan(optimize: true, trackBytes: false);
        return $"{plan.Graph.Count} tasks";
    }

    private static async Task<string> TinyTasks(int n)
    {
        var parts = Enumerable.Range(0, n).Select(i => Delayed.Call(Inc, i)).ToList();
        var total = Delayed.Call(Total, Delayed.Collect(parts));
        long value = await total.ComputeAsync();
        return value == (long)n * (n + 1) / 2 ? $"{n} tasks" : throw new InvalidOperationException("tiny-tasks: wrong result");
    }

    private static long Inc(int i) => i + 1L;

    private static long Total(long[] values) => values.Sum();

    private static void Expect(NDArray<long> result, long expected)
    {
        if (result.MinAll() != expected || result.MaxAll() != expected)
        {
            throw new InvalidOperationException($"wrong result: expected {expected} everywhere");
        }
    }
}
