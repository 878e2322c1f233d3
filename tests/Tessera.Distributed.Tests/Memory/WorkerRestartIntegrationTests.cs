using System.Diagnostics;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests.Memory;

/// <summary>A LocalCluster replaces a worker process that died (killed, or terminated past its memory limit).</summary>
[Collection("cluster")]
public sealed class WorkerRestartIntegrationTests
{
    [Fact]
    public async Task KilledWorkerProcessIsReplacedAndWorkGoesOn()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-restart-it-" + Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions
            {
                NWorkers = 1,
                ThreadsPerWorker = 1,
                MemoryLimit = "1GiB",
                Processes = true,
                LocalDirectory = dir,
            })
            {
                MinimumLifeForRestart = TimeSpan.Zero,
            };
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
            Assert.Equal(2, await client.Submit(UserFunctions.Inc, 1).ResultAsync(timeout.Token));
            int pid = cluster.Workers.Single().Pid;
            string name = cluster.Workers.Single().Name;
            Task lostEvent = client.NextWorkerEvent();

            using (var process = Process.GetProcessById(pid))
            {
                process.Kill(entireProcessTree: true);
            }

            await lostEvent.WaitAsync(timeout.Token);
            WorkerLostEvent lost = Assert.Single(client.WorkerEvents);
            Assert.Equal(name, lost.Name);
            Assert.False(lost.Expected);
            Assert.Contains("died", lost.Reason, StringComparison.Ordinal);

            while (true)
            {
                Task changed = cluster.Scheduler!.Core.NextWorkersChange();
                if (cluster.Workers.Any(w => w.Pid != pid))
                {
                    break;
                }

                await changed.WaitAsync(timeout.Token);
            }

            Assert.Equal(43, await client.Submit(UserFunctions.Inc, 42).ResultAsync(timeout.Token));
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

    [Fact]
    public async Task TaskPastTheTerminateThresholdRestartsItsWorkerAndFailsAfterThreeTries()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-terminate-it-" + Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions
            {
                NWorkers = 1,
                ThreadsPerWorker = 1,
                MemoryLimit = "256MiB",
                Processes = true,
                LocalDirectory = dir,
            })
            {
                MinimumLifeForRestart = TimeSpan.Zero,
            };
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
            using Future<int> hog = client.Submit(SpillUserCode.Hog, 400);
            KilledWorkerException e = await Assert.ThrowsAsync<KilledWorkerException>(() => hog.ResultAsync(timeout.Token));
            Assert.False(timeout.IsCancellationRequested, "the task neither finished nor failed in time");
            Assert.Contains("workers that died", e.Message, StringComparison.Ordinal);
            Assert.Contains("MiB memory limit", e.Message, StringComparison.Ordinal);
            Assert.Contains("MiB memory limit", e.WorkerReason, StringComparison.Ordinal);
            Assert.NotNull(e.WorkerName);
            Assert.Contains(client.WorkerEvents, x => !x.Expected && x.Reason.Contains("MiB memory limit", StringComparison.Ordinal));

            string logs = string.Join("\n", Directory.GetFiles(dir, "*.log").Select(File.ReadAllText));
            Assert.Contains("terminating: process memory", logs, StringComparison.Ordinal);

            // A replacement worker is there and healthy.
            Assert.Equal(2, await client.Submit(UserFunctions.Inc, 1).ResultAsync(timeout.Token));
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
}
