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

    /// <summary>Heartbeats carry each worker's memory to the client: some worker has spilled, and the repr says so.</summary>
    private static async Task AssertClientSeesSpillAsync(Client client, LocalCluster cluster, bool processes, CancellationToken ct)
    {
        while (!client.Workers.Any(static w => w.Spilled > 0))
        {
            Task update = client.NextWorkersUpdate();
            if (client.Workers.Any(static w => w.Spilled > 0))
            {
                break;
            }

            await update.WaitAsync(ct);
        }

        IReadOnlyList<WorkerDescription> workers = client.Workers;
        Assert.Equal(2, workers.Count);
        foreach (WorkerDescription w in workers)
        {
            Assert.InRange(w.Managed, 0, w.MemoryLimit);
            Assert.Equal(w.Memory, w.Managed);
            Assert.Equal(Math.Max(0, w.ProcessMemory - w.Managed), w.Unmanaged);
            if (processes)
            {
                // A worker process watches its resident memory, which holds the runtime besides the results.
                Assert.True(w.ProcessMemory > 0, $"{w.Name}: no process memory reported");
            }
            else
            {
                // In-process workers share the test's process: only managed memory is theirs to report.
                Assert.Equal(0, w.ProcessMemory);
            }
        }

        string text = client.ToString();
        Assert.Contains("memory: managed ", text, StringComparison.Ordinal);
        Assert.Contains(", unmanaged ", text, StringComparison.Ordinal);
        Assert.Contains(", spilled ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spilled 0 B", text, StringComparison.Ordinal);
        Assert.Contains("memory: managed ", cluster.ToString(), StringComparison.Ordinal);
    }

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
            await AssertClientSeesSpillAsync(client, cluster, processes, timeout.Token);

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
