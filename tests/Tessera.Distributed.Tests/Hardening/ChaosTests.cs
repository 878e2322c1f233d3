using System.Diagnostics;
using Tessera.Arrays;
using Xunit.Abstractions;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>
/// The reference job at a small size plus a Delayed tree (over 500 tasks) while a driver kills a random worker
/// process with SIGKILL 1 s into each run and every 3 s after, once the previous victim's replacement has joined and the cluster replaces it: ten runs, every answer exact.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Runs = 10;
    private const int Leaves = 256;
    private const long N = 256;

    [Fact]
    public async Task ComputationsSurviveWorkersKilledEveryFewSeconds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        CancellationToken ct = timeout.Token;
        await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 4, ThreadsPerWorker = 1, MemoryLimit = "1GiB", Processes = true })
        {
            MinimumLifeForRestart = TimeSpan.Zero,
        };
        await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, ct);
        await cluster.WaitForWorkersAsync(ct);

        int kills = 0;
        var random = new Random(13);
        for (int run = 0; run < Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            int killsBefore = kills;
            Task killer = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), done.Token);
                    while (true)
                    {
                        // Only once the last victim's replacement has joined: on a loaded machine, killing the
                        // replacements as they start would only test how fast processes start.
                        var pids = cluster.Workers.Select(static w => w.Pid).Where(static p => p > 0).ToList();
                        if (pids.Count < 4)
                        {
                            await Task.Delay(100, done.Token);
                            continue;
                        }

                        try
                        {
                            using Process victim = Process.GetProcessById(pids[random.Next(pids.Count)]);
                            victim.Kill();
                            Interlocked.Increment(ref kills);
                        }
                        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                        {
                            // Already gone.
                        }

                        await Task.Delay(TimeSpan.FromSeconds(3), done.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);

            try
            {
                // A Delayed tree: 256 leaves summed pairwise (511 tasks).
                var level = Enumerable.Range(0, Leaves).Select(static i => Delayed.Call(ChaosWork.Leaf, i)).ToList();
                while (level.Count > 1)
                {
                    level = Enumerable.Range(0, level.Count / 2).Select(k => Delayed.Call(ChaosWork.Add, level[2 * k], level[(2 * k) + 1])).ToList();
                }

                Task<object?[]> tree = client.ComputeAsync(level[0].Graph, [level[0].Key], ct);

                // The reference job, small: ten facets stacked, rechunked and summed.
                var arrays = Enumerable.Range(0, 10).Select(i => DArray.FromDelayed(Delayed.Call(ChaosWork.Facet, i, N), shape: [N, N])).ToList();
                var total = DArray.Stack(arrays, axis: 0).Rechunk([1, 64, 64]).Sum(axis: 0);
                NDArray<long> sum;
                using (Scheduler.Use(client))
                {
                    sum = await total.ComputeAsync(ct);
                }

                Assert.Equal([N, N], sum.Shape.ToArray());
                Assert.Equal(45, sum.MinAll());
                Assert.Equal(45, sum.MaxAll());
                Assert.Equal((long)Leaves * (Leaves - 1) / 2, (long)(await tree)[0]!);
            }
            finally
            {
                await done.CancelAsync();
                await killer;
            }

            output.WriteLine($"run {run}: exact in {clock.Elapsed.TotalSeconds:0.0} s with {kills - killsBefore} workers killed");
        }

        output.WriteLine($"{Runs} runs, {kills} workers killed in all");
        Assert.True(kills >= Runs, $"only {kills} kills in {Runs} runs: the computations were too short to be disturbed");
    }
}
