namespace Tessera.Distributed.Tests.Memory;

/// <summary>
/// A LocalCluster whose workers have a small memory limit holds blocks of 8 MiB alive through futures (several times
/// the limit), then sums them: the workers must spill to their local directory and read the blocks back.
/// </summary>
/// <remarks>
/// Process workers get 512 MiB: between the target (0.6) and terminate (0.95) thresholds there must be room for the
/// runtime itself (about 90 MiB resident for a worker process), as Dask also needs limits well above its baseline.
/// </remarks>
[Collection("cluster")]
public sealed class SpillIntegrationTests
{
    [Fact]
    public Task InProcessWorkersSpillPastTheirLimit() => RunAsync(processes: false, memoryLimit: "64MiB", blocks: 40);

    [Fact]
    public Task ProcessWorkersSpillPastTheirLimit() => RunAsync(processes: true, memoryLimit: "512MiB", blocks: 80);

    private static async Task RunAsync(bool processes, string memoryLimit, int blocks)
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-spill-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        int spills = 0;
        var firstSpill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(dir, "*.spill") { IncludeSubdirectories = true, EnableRaisingEvents = true };
        watcher.Created += (_, _) =>
        {
            Interlocked.Increment(ref spills);
            firstSpill.TrySetResult();
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions
            {
                NWorkers = 2,
                ThreadsPerWorker = 1,
                MemoryLimit = memoryLimit,
                Processes = processes,
                LocalDirectory = dir,
            });
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);

            var parts = Enumerable.Range(0, blocks).Select(static i => Delayed.Call(SpillUserCode.Block, i)).ToList();
            var held = parts.Select(client.Compute).ToList();
            foreach (Future<NDArray<double>> f in held)
            {
                await f.WaitAsync(timeout.Token);
            }

            // Blocks × 8 MiB held on two workers whose targets are 0.6 × the limit: some of it must be on disk by now.
            await firstSpill.Task.WaitAsync(timeout.Token);

            var total = Delayed.Call(SpillUserCode.Total, Delayed.Collect(parts.Select(static b => Delayed.Call(SpillUserCode.Sum, b)).ToList()));
            object?[] result = await client.ComputeAsync(total.Graph, [total.Key], timeout.Token);
            Assert.Equal(SpillUserCode.Expected(blocks), (double)result[0]!);
            Assert.True(Volatile.Read(ref spills) > 0);
            foreach (Future<NDArray<double>> f in held)
            {
                f.Dispose();
            }
        }
        catch (Exception e) when (processes)
        {
            string logs = string.Join("\n", Directory.GetFiles(dir, "*.log").Select(static f => f + ":\n" + File.ReadAllText(f)));
            throw new InvalidOperationException($"{e.Message} ({Volatile.Read(ref spills)} spill files seen); worker logs:\n{logs}", e);
        }
        finally
        {
            watcher.EnableRaisingEvents = false;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A worker process may still be letting go of its log.
            }
        }
    }
}
