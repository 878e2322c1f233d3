using Tessera.Distributed.Hosting;
using Tessera.Distributed.Tests.Hardening;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests.State;

/// <summary>Shipped functions are dropped once no task uses them after a client left, on the scheduler and the workers.</summary>
[Collection("cluster")]
public sealed class FunctionEvictionTests
{
    [Fact]
    public void AFunctionStaysWhileAnotherClientsTaskUsesItAndGoesWithTheLast()
    {
        var h = new SchedulerHarness("c1", "c2");
        h.Submit("c1", new GraphBuilder().Task("a"), "a");
        h.Submit("c2", new GraphBuilder().Task("b"), "b");

        h.Checked(h.State.RemoveClient("c1", h.Next()));
        Assert.Empty(h.State.EvictUnusedFunctions());
        Assert.True(h.State.Functions.ContainsKey(GraphBuilder.Function));

        h.Checked(h.State.RemoveClient("c2", h.Next()));
        Assert.Equal([GraphBuilder.Function], h.State.EvictUnusedFunctions());
        Assert.Empty(h.State.Functions);
        h.State.Validate();
    }

    [Fact]
    public async Task AClientThatLeavesTakesItsFunctionsOffTheSchedulerAndTheWorker()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using SchedulerServer scheduler = await SchedulerServer.StartAsync(cancellationToken: timeout.Token);
        ReconnectingWorker worker = await ReconnectingWorker.StartAsync(
            new WorkerOptions { SchedulerAddress = scheduler.Address, NThreads = 1, Name = "evict" }, TextWriter.Null, timeout.Token);
        try
        {
            await using (Client first = await Client.ConnectAsync(scheduler.Address, new ClientOptions { SetAsDefault = false }, timeout.Token))
            {
                Assert.Equal(3, await first.Submit(UserFunctions.Inc, 2).ResultAsync(timeout.Token));
                Assert.True(scheduler.Core.FunctionCount >= 1);
                Assert.True(worker.Current.ShippedFunctionCount >= 1);
            }

            await FuzzTests.WaitUntilAsync(() => scheduler.Core.FunctionCount == 0 && worker.Current.ShippedFunctionCount == 0, timeout.Token);

            // A later client naming the same function ships it again and gets its answer.
            await using Client second = await Client.ConnectAsync(scheduler.Address, new ClientOptions { SetAsDefault = false }, timeout.Token);
            Assert.Equal(5, await second.Submit(UserFunctions.Inc, 4).ResultAsync(timeout.Token));
        }
        finally
        {
            await worker.CloseAsync("test over");
        }
    }
}
