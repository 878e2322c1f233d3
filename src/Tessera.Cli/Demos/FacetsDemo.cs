using System.Diagnostics;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.Jobqueue;
using Tessera.Scheduling;

namespace Tessera.Cli.Demos;

/// <summary>
/// The reference job of the training notebook: facets of a terrain model, each computed by a user
/// function, stacked into a lazy array, rechunked, summed over the facet axis; row 0 comes back.
/// </summary>
internal static class FacetsDemo
{
    public static async Task<int> RunAsync(FacetsDemoOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Size <= 0 || options.Facets <= 0 || options.Chunk <= 0 || options.Threads <= 0 || options.Workers <= 0 || options.ThreadsPerWorker <= 0)
        {
            await output.WriteLineAsync(
                $"error: --size ({options.Size}), --facets ({options.Facets}), --chunk ({options.Chunk}), --threads, --workers and --threads-per-worker must all be positive.")
                .ConfigureAwait(false);
            return 2;
        }

        if (options.Threads is int threads)
        {
            using var scope = Scheduler.Use(new ThreadedScheduler(threads));
            return await RunJobAsync(options, output, static task => task, cancellationToken).ConfigureAwait(false);
        }

        await using Cluster cluster = options.Slurm is { } slurm
            ? new SlurmCluster(slurm)
            : new LocalCluster(new LocalClusterOptions { NWorkers = options.Workers, ThreadsPerWorker = options.ThreadsPerWorker, MemoryLimit = options.MemoryLimit });
        if (cluster is SlurmCluster slurmCluster)
        {
            await output.WriteLineAsync(slurmCluster.JobScript()).ConfigureAwait(false);
        }

        await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(cluster.ToString()).ConfigureAwait(false);
        await output.WriteLineAsync(client.ToString()).ConfigureAwait(false);
        TextWriter? progressOutput = ReferenceEquals(output, Console.Out) ? null : output;
        using (Scheduler.Use(client))
        {
            return await RunJobAsync(options, output, task => client.ProgressAsync(task, progressOutput, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunJobAsync(FacetsDemoOptions options, TextWriter output, Func<Task<NDArray<long>>, Task<NDArray<long>>> watch, CancellationToken cancellationToken)
    {
        long n = options.Size;
        NDArray<long> MyF(int i) => i * NDArray.Ones<long>(n, n);

        var clock = Stopwatch.StartNew();
        var lazy = Enumerable.Range(0, options.Facets).Select(i => Delayed.Call(MyF, i)).ToList();
        await output.WriteLineAsync(lazy[0].ToString()).ConfigureAwait(false);
        var arrays = lazy.Select(d => DArray.FromDelayed(d, shape: [n, n])).ToList();
        var stack = DArray.Stack(arrays, axis: 0);
        await output.WriteLineAsync(stack.ToString()).ConfigureAwait(false);
        stack = stack.Rechunk([1, options.Chunk, options.Chunk]);
        await output.WriteLineAsync(stack.ToString()).ConfigureAwait(false);
        if (options.Zarr is { } zarr)
        {
            stack = await FacetsZarr.WriteOnceThenReadAsync(stack, zarr, output, cancellationToken).ConfigureAwait(false);
        }
        var total = stack.Sum(axis: 0);
        await output.WriteLineAsync(total.ToString()).ConfigureAwait(false);

        long expected = (long)options.Facets * (options.Facets - 1) / 2;
        using var row = await watch(total[0, ..].ComputeAsync(cancellationToken)).ConfigureAwait(false);
        await output.WriteLineAsync(row.ToString()).ConfigureAwait(false);
        await output.WriteLineAsync($"row 0 computed in {clock.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);
        bool ok = Check(row, expected);
        if (options.Full)
        {
            var fullClock = Stopwatch.StartNew();
            using var sum = await watch(total.ComputeAsync(cancellationToken)).ConfigureAwait(false);
            await output.WriteLineAsync(sum.ToString()).ConfigureAwait(false);
            await output.WriteLineAsync($"full sum computed in {fullClock.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);
            ok &= Check(sum, expected);
        }

        if (!ok)
        {
            await output.WriteLineAsync($"error: the result differs from the expected {expected} everywhere.").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    private static bool Check(NDArray<long> result, long expected) =>
        result.MinAll() == expected && result.MaxAll() == expected;
}
