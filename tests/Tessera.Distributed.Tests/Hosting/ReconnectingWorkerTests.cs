using System.Diagnostics;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests;

/// <summary>A worker that loses its scheduler rejoins within its death timeout, or stops at its end.</summary>
[Collection("cluster")]
public sealed class ReconnectingWorkerTests
{
    [Fact]
    public async Task WorkerRejoinsASchedulerRestartedOnTheSamePortWithinTheDeathTimeout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var text = new StringWriter();
        TextWriter log = TextWriter.Synchronized(text);
        SchedulerServer? first = await SchedulerServer.StartAsync(cancellationToken: timeout.Token);
        int port = ControlChannel.ToUri(first.Address).Port;
        SchedulerServer? second = null;
        ReconnectingWorker? worker = null;
        try
        {
            worker = await ReconnectingWorker.StartAsync(new WorkerOptions { SchedulerAddress = first.Address, NThreads = 1, Name = "rejoin", DeathTimeout = TimeSpan.FromSeconds(30) }, log, timeout.Token);
            Worker old = worker.Current;
            await first.DisposeAsync();
            first = null;
            await old.Completion.WaitAsync(timeout.Token);
            Assert.True(old.LostScheduler, old.StopReason);

            second = await SchedulerServer.StartAsync(new SchedulerOptions { Port = port }, timeout.Token);
            while (true)
            {
                Task changed = second.Core.NextWorkersChange();
                if (second.Core.WorkerInfos().Count == 1)
                {
                    break;
                }

                await changed.WaitAsync(timeout.Token);
            }

            // A fresh worker: same name, new data server.
            Tessera.Distributed.Protocol.WorkerInfo rejoined = Assert.Single(second.Core.WorkerInfos());
            Assert.Equal("rejoin", rejoined.Name);
            Assert.NotEqual(old.DataAddress, rejoined.DataAddress);
            await using Client client = await Client.ConnectAsync(second.Address, new ClientOptions { SetAsDefault = false }, timeout.Token);
            Assert.Equal(2, await client.Submit(UserFunctions.Inc, 1).ResultAsync(timeout.Token));
            Assert.Contains("trying to reach it again for 30 s", text.ToString(), StringComparison.Ordinal);
            Assert.False(worker.Completion.IsCompleted);
        }
        finally
        {
            if (worker is not null)
            {
                await worker.CloseAsync("test over");
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }

            if (first is not null)
            {
                await first.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WorkerStopsAtTheEndOfItsDeathTimeoutNamingTheScheduler()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var text = new StringWriter();
        TextWriter log = TextWriter.Synchronized(text);
        SchedulerServer? scheduler = await SchedulerServer.StartAsync(cancellationToken: timeout.Token);
        string address = scheduler.Address;
        ReconnectingWorker? worker = null;
        try
        {
            worker = await ReconnectingWorker.StartAsync(new WorkerOptions { SchedulerAddress = address, NThreads = 1, Name = "orphan", DeathTimeout = TimeSpan.FromSeconds(2) }, log, timeout.Token);
            await scheduler.DisposeAsync();
            scheduler = null;
            var clock = Stopwatch.StartNew();
            await worker.Completion.WaitAsync(timeout.Token);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"it gave up after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Contains(address, worker.StopReason, StringComparison.Ordinal);
            Assert.Contains("death timeout (2 s)", worker.StopReason, StringComparison.Ordinal);
            Assert.Contains($"no scheduler at {address} within the death timeout (2 s); exiting.", text.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (worker is not null)
            {
                await worker.CloseAsync("test over");
            }

            if (scheduler is not null)
            {
                await scheduler.DisposeAsync();
            }
        }
    }
}
