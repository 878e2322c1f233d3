using System.Diagnostics;

namespace Tessera.Distributed.Tests.Integration;

/// <summary>Tasks of the retirement tests: each run leaves a file, so runs can be counted across worker processes.</summary>
public static class RunCounter
{
    /// <summary>A task function capturing only the directory (a lambda in the test would capture the test's locals).</summary>
    public static Func<int, NDArray<long>> For(string dir) => i => Make(i, dir);

    public static NDArray<long> Make(int i, string dir)
    {
        File.WriteAllText(Path.Combine(dir, $"{i}-{Guid.NewGuid():N}.run"), "");
        return NDArray.Full((long)i, 1024);
    }
}

/// <summary><c>client.RetireWorkersAsync</c> on a LocalCluster of worker processes.</summary>
[Collection("cluster")]
public sealed class RetireWorkersIntegrationTests
{
    [Fact]
    public async Task RetiredWorkerHandsOverIsNotRestartedAndTheClusterShrinks()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-retire-workers-it-" + Guid.NewGuid().ToString("N"));
        string runs = Path.Combine(dir, "runs");
        Directory.CreateDirectory(runs);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 3, ThreadsPerWorker = 1, MemoryLimit = "1GiB", Processes = true, LocalDirectory = dir })
            {
                MinimumLifeForRestart = TimeSpan.Zero,
            };
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
            IReadOnlyList<Future<NDArray<long>>> blocks = client.Map(RunCounter.For(runs), Enumerable.Range(0, 30));
            foreach (Future<NDArray<long>> f in blocks)
            {
                await f.WaitAsync(timeout.Token);
            }

            (string name, int held) = cluster.Scheduler!.Core.Read(static s => s.Workers.Values.Select(static w => (w.Name, w.HasWhat.Count)).MaxBy(static x => x.Count));
            Assert.True(held > 0, "no worker holds results; the test needs some on the retired one");
            int pid = cluster.Workers.Single(w => w.Name == name).Pid;

            var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RetireWorkersAsync(["no-such-worker"], timeout.Token));
            Assert.Contains("no-such-worker", unknown.Message, StringComparison.Ordinal);
            Assert.Equal(3, cluster.Workers.Count);

            IReadOnlyList<string> retired = await client.RetireWorkersAsync([name], timeout.Token);
            Assert.Equal([name], retired);
            Assert.Equal(2, cluster.Workers.Count);
            Assert.Equal(2, cluster.RequestedWorkers);
            Assert.DoesNotContain(cluster.Workers, w => w.Name == name);
            WorkerLostEvent lost = Assert.Single(client.WorkerEvents, e => e.Name == name);
            Assert.True(lost.Expected);
            Assert.Contains("retired", lost.Reason, StringComparison.Ordinal);

            NDArray<long>[] values = await client.GatherAsync(blocks, timeout.Token);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(i, values[i][0]);
                values[i].Dispose();
            }

            Assert.Equal(30, Directory.GetFiles(runs, "*.run").Length);

            // Its process ends and no replacement joins.
            await WaitForExitAsync(pid, timeout.Token);
            Task changed = cluster.Scheduler.Core.NextWorkersChange();
            await Assert.ThrowsAsync<TimeoutException>(() => changed.WaitAsync(TimeSpan.FromSeconds(5), timeout.Token));
            Assert.Equal(2, cluster.Workers.Count);
            Assert.Equal(2, await client.Submit(UserFunctions.Inc, 1).ResultAsync(timeout.Token));
            foreach (Future<NDArray<long>> f in blocks)
            {
                f.Dispose();
            }
        }
        finally
        {
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

    private static async Task WaitForExitAsync(int pid, CancellationToken ct)
    {
        Process p;
        try
        {
            p = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return;
        }

        using (p)
        {
            await p.WaitForExitAsync(ct);
        }
    }
}
