using System.Diagnostics;

namespace Tessera.Distributed.Tests.Integration;

/// <summary>Scattered data lost with its worker fails its future instead of hanging or being recomputed.</summary>
[Collection("cluster")]
public sealed class ScatterLostIntegrationTests
{
    [Fact]
    public async Task KilledHolderOfScatteredDataFailsItsFutureAndTheClusterGoesOn()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-scatter-lost-it-" + Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 2, ThreadsPerWorker = 1, MemoryLimit = "1GiB", Processes = true, LocalDirectory = dir })
            {
                MinimumLifeForRestart = TimeSpan.Zero,
            };
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
            using Future<NDArray<long>> data = client.Scatter(NDArray.Arange<long>(100_000));
            using (NDArray<long> back = await data.ResultAsync(timeout.Token))
            {
                Assert.Equal(99_999, back[99_999]);
            }

            // A future of scattered data is an argument like any other: the task runs where the value is.
            using Future<long> total = client.Submit(static (NDArray<long> a) => a.SumAll(), data);
            Assert.Equal(99_999L * 100_000 / 2, await total.ResultAsync(timeout.Token));

            (string holder, int pid, int argBytes) = cluster.Scheduler!.Core.Read(s =>
            {
                var t = s.Tasks[data.WireKey];
                var w = t.WhoHas.Single();
                return (w.Name, w.Pid, t.Args.Length);
            });
            Assert.Equal(0, argBytes);

            Task lostEvent = client.NextWorkerEvent();
            using (var process = Process.GetProcessById(pid))
            {
                process.Kill();
            }

            await lostEvent.WaitAsync(timeout.Token);
            var e = await Assert.ThrowsAsync<ScatteredDataLostException>(() => data.ResultAsync(timeout.Token));
            Assert.Equal(holder, e.WorkerName);
            Assert.Contains(holder, e.Message, StringComparison.Ordinal);
            Assert.Equal(FutureStatus.Error, data.Status);
            Assert.IsType<ScatteredDataLostException>(data.Exception);

            // Work built on the lost value afterwards fails the same way, naming the scattered key, instead of waiting for it.
            using Future<long> later = client.Submit(static (NDArray<long> a) => a.SumAll(), data);
            var dependent = await Assert.ThrowsAsync<ScatteredDataLostException>(() => later.ResultAsync(timeout.Token));
            Assert.Equal(holder, dependent.WorkerName);

            WorkerLostEvent lost = Assert.Single(client.WorkerEvents, x => x.Name == holder);
            Assert.False(lost.Expected);
            Assert.Contains("died", lost.Reason, StringComparison.Ordinal);

            Assert.Equal(43, await client.Submit(UserFunctions.Inc, 42).ResultAsync(timeout.Token));
            using Future<NDArray<long>> again = client.Scatter(NDArray.Arange<long>(10));
            using NDArray<long> value = await again.ResultAsync(timeout.Token);
            Assert.Equal(9, value[9]);
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
