using Grpc.Core;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Tests.Integration;

[Collection("cluster")]
public sealed class SchedulerProtocolTests
{
    [Fact]
    public async Task WorkerOfAnotherProtocolVersionIsRefusedNamingBothVersions()
    {
        await using SchedulerServer server = await SchedulerServer.StartAsync();
        using var channel = ControlChannel.Open(server.Address, Security.None, TlsRole.Worker);
        var rpc = new SchedulerRpc.SchedulerRpcClient(channel);
        using var call = rpc.ConnectWorker();
        var hello = new WorkerBatch();
        hello.Messages.Add(new WorkerMessage { Hello = new WorkerHello { ProtocolVersion = "tessera-0", Name = "old", DataAddress = "tcp://127.0.0.1:1", Nthreads = 1 } });
        await call.RequestStream.WriteAsync(hello);
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("tessera-0", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(ProtocolInfo.Version, e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Core.WorkerInfos());
    }

    [Fact]
    public async Task ClientThatDisappearsMidComputationHasItsTasksReleased()
    {
        await using var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 1, ThreadsPerWorker = 1, Processes = false });
        await using var keeper = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false });
        var leaver = await Client.ConnectAsync(cluster.SchedulerAddress, new ClientOptions { SetAsDefault = false, Security = cluster.Security });
        IReadOnlyList<Future<long>> slow = leaver.Map(static (int i) => Spin(i), Enumerable.Range(0, 200));
        using Future<long> kept = keeper.Submit(static (int i) => Spin(i), 1000);
        string leaverId = leaver.Id;
        await leaver.DisposeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await cluster.Scheduler!.Core.WhenClientGone(leaverId).WaitAsync(timeout.Token);
        Assert.Equal(1000L, await kept.ResultAsync(timeout.Token));
        int left = cluster.Scheduler.Core.Read(s => s.Tasks.Values.Count(t => t.ClientId == leaverId));
        Assert.Equal(0, left);
        Assert.Equal(200, slow.Count);
    }

    private static long Spin(int i)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 5)
        {
            Thread.SpinWait(100);
        }

        return i;
    }
}
