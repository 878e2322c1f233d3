using System.Diagnostics;
using Tessera.Distributed;

namespace Tessera.Cli.Tests.Commands;

/// <summary>User types of this test assembly: the CLI's workers do not have it and must load it from the client.</summary>
public sealed record Sample(string Name, double[] Values)
{
    public double Mean() => Values.Average();
}

/// <summary>`tessera scheduler` and `tessera worker` started by hand, as separate processes of the CLI's own build.</summary>
public sealed class SchedulerWorkerByHandTests
{
    [Fact]
    public async Task WorkersStartedByHandRunShippedUserCode()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string cli = CliDll();
        var processes = new List<Process>();
        try
        {
            Process scheduler = Start(cli, "scheduler", "--port", "0");
            processes.Add(scheduler);
            string address = (await ReadUntilAsync(scheduler, "listening at ", timeout.Token)).Split("listening at ")[1].Trim();
            for (int i = 0; i < 2; i++)
            {
                Process worker = Start(cli, "worker", address, "--nthreads", "1", "--name", $"hand-{i}", "--memory-limit", "1GiB");
                processes.Add(worker);
                await ReadUntilAsync(worker, " joined ", timeout.Token);
            }

            await using Client client = await Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }, timeout.Token);
            Assert.Equal(2, client.Workers.Count);
            Assert.Contains("processes=2 threads=2", client.ToString(), StringComparison.Ordinal);
            var sample = new Sample("s", [1, 2, 3, 6]);
            using Future<double> mean = client.Submit(static (Sample s) => s.Mean(), sample);
            Assert.Equal(3.0, await mean.ResultAsync(timeout.Token));
            using Future<Sample> made = client.Submit(static (int n) => new Sample("made", Enumerable.Range(0, n).Select(static i => (double)i).ToArray()), 4);
            Sample back = await made.ResultAsync(timeout.Token);
            Assert.Equal("made", back.Name);
            Assert.Equal([0.0, 1, 2, 3], back.Values);
        }
        finally
        {
            foreach (Process p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                await p.WaitForExitAsync(CancellationToken.None);
                p.Dispose();
            }
        }
    }

    [Fact]
    public async Task KilledSchedulerFailsTheClientWithinSecondsAndItsWorkerExits()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string cli = CliDll();
        var processes = new List<Process>();
        try
        {
            Process scheduler = Start(cli, "scheduler", "--port", "0");
            processes.Add(scheduler);
            string address = (await ReadUntilAsync(scheduler, "listening at ", timeout.Token)).Split("listening at ")[1].Trim();
            Process worker = Start(cli, "worker", address, "--nthreads", "1", "--name", "orphan", "--death-timeout", "3s");
            processes.Add(worker);
            await ReadUntilAsync(worker, " joined ", timeout.Token);
            await using Client client = await Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }, timeout.Token);
            using Future<long> slow = client.Submit(static (int ms) => Spin(ms), 60_000);

            scheduler.Kill();
            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAsync<SchedulerUnreachableException>(() => slow.ResultAsync(timeout.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the client noticed after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Throws<SchedulerUnreachableException>(() => client.Submit(static (int x) => x, 1));
            await worker.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            foreach (Process p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                await p.WaitForExitAsync(CancellationToken.None);
                p.Dispose();
            }
        }
    }

    private static long Spin(int ms)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < ms)
        {
            Thread.SpinWait(1000);
        }

        return ms;
    }

    [Fact]
    public async Task WorkerGivenAnUnreachableSchedulerFailsNamingIt()
    {
        using Process worker = Start(CliDll(), "worker", "tcp://127.0.0.1:1", "--death-timeout", "3s");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string stderr = await worker.StandardError.ReadToEndAsync(timeout.Token);
        await worker.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, worker.ExitCode);
        Assert.Contains("tcp://127.0.0.1:1", stderr, StringComparison.Ordinal);
    }

    /// <summary>The CLI as built in its own output folder (its own dependency manifest, without this test assembly).</summary>
    private static string CliDll() => CliProcess.Dll();

    private static Process Start(string dll, params string[] args) => CliProcess.Start(dll, args);

    private static Task<string> ReadUntilAsync(Process p, string marker, CancellationToken ct) => CliProcess.ReadUntilAsync(p, marker, ct);
}
