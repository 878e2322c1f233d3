using System.CommandLine;

namespace Tessera.Cli.Demos;

/// <summary>The <c>tessera demo</c> command and its demos.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var size = new Option<long>("--size") { Description = "Side of each facet image, in elements.", DefaultValueFactory = _ => 16384 };
        var facets = new Option<int>("--facets") { Description = "Number of facets stacked.", DefaultValueFactory = _ => 10 };
        var chunk = new Option<long>("--chunk") { Description = "Side of the rechunked blocks, in elements.", DefaultValueFactory = _ => 4096 };
        var threads = new Option<int?>("--threads") { Description = "Run on an in-process threaded scheduler with this many threads instead of a LocalCluster." };
        var workers = new Option<int?>("--workers") { Description = "LocalCluster worker processes (default: as Dask, from the core count)." };
        var threadsPerWorker = new Option<int?>("--threads-per-worker") { Description = "LocalCluster threads per worker (default: cores / workers)." };
        var memoryLimit = new Option<string>("--memory-limit") { Description = "LocalCluster memory limit per worker, e.g. 8GB (default: machine memory / workers).", DefaultValueFactory = _ => "auto" };
        var zarr = new Option<string?>("--zarr") { Description = "A Zarr store directory: write the facets there once (Blosc LZ4, one chunk per block), then read them from it." };
        var full = new Option<bool>("--full") { Description = "Also compute the full 2-D sum, not only row 0." };
        var slurm = new FacetsSlurmOptions();
        var facetsCommand = new Command("facets", "The reference job: facets of a terrain model stacked, rechunked, summed; row 0 comes back.")
        {
            size, facets, chunk, threads, full, workers, threadsPerWorker, memoryLimit, zarr,
        };
        slurm.AddTo(facetsCommand);
        facetsCommand.SetAction(async (parse, cancellation) =>
        {
            Tessera.Jobqueue.SlurmClusterOptions? slurmOptions;
            try
            {
                slurmOptions = slurm.Read(parse);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            try
            {
                return await FacetsDemo.RunAsync(
                    new FacetsDemoOptions(parse.GetValue(size), parse.GetValue(facets), parse.GetValue(chunk), parse.GetValue(threads), parse.GetValue(full), parse.GetValue(workers), parse.GetValue(threadsPerWorker), parse.GetValue(memoryLimit)!, slurmOptions, parse.GetValue(zarr)),
                    Console.Out,
                    cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Tessera.Jobqueue.JobQueueCommandException or Tessera.Jobqueue.JobNotStartedException or TimeoutException or ArgumentException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("demo", "Runnable demonstrations of Tessera.") { facetsCommand };
    }
}
