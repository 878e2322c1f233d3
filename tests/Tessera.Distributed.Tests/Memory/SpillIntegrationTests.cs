namespace Tessera.Distributed.Tests.Memory;

/// <summary>
/// A LocalCluster whose workers have a small memory limit holds 40 blocks of 8 MiB (320 MiB) alive through futures,
/// then sums them: the workers must spill to their local directory and read the blocks back.
/// </summary>
[Collection("cluster")]
public sealed class SpillIntegrationTests
{
    private const int Blocks = 40;

    [Fact]
    public Task InProcessWorkersSpillPastTheirLimit() => RunAsync(processes: false, memoryLimit: "64MiB");

    [Fact]
    public Task ProcessWorkersSpillPastTheirLimit() => RunAsync(processes: true, memoryLimit: "256MiB");

    private static async Task RunAsync(bool processes, string memoryLimit)
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

            var blocks = Enumerable.Range(0, Blocks).Select(static i => Delayed.Call(SpillUserCode.Block, i)).ToList();
            var held = blocks.Select(client.Compute).ToList();
            foreach (Future<NDArray<double>> f in held)
            {
                await f.WaitAsync(timeout.Token);
            }

            // 320 MiB held on two workers whose targets are 0.6 × the limit: some of it must be on disk by now.
            await firstSpill.Task.WaitAsync(timeout.Token);

            var total = Delayed.Call(SpillUserCode.Total, Delayed.Collect(blocks.Select(static b => Delayed.Call(SpillUserCode.Sum, b)).ToList()));
            object?[] result = await client.ComputeAsync(total.Graph, [total.Key], timeout.Token);
            Assert.Equal(SpillUserCode.Expected(Blocks), (double)result[0]!);
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
