using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>
/// A scheduler and a worker in processes limited to 256 descriptors: connection floods beyond that limit and a
/// gRPC message larger than the limit leave both up, serving a legitimate client, near their baseline memory.
/// </summary>
public sealed class FloodTests
{
    private const int DescriptorLimit = 256;
    private const int Flood = 400;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(static (byte[] b) => b, static b => b);
    private static readonly Method<byte[], byte[]> ConnectClient = new(MethodType.DuplexStreaming, "tessera.v1.SchedulerRpc", "ConnectClient", Raw, Raw);

    [Fact]
    public async Task FloodsAndAnOversizedMessage_LeaveBothProcessesServingNearTheirBaseline()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        (ChildProcess scheduler, string address) = await ChildProcess.StartSchedulerAsync(DescriptorLimit, ct);
        await using (scheduler)
        {
            // The data server is allowed more connections than the process has descriptors, so that the flood
            // reaches EMFILE in its accept loop; and a short request timeout for the stalled request below.
            await using ChildProcess worker = ChildProcess.StartWorker(address, "flood-target", DescriptorLimit, "--data-max-connections", "100000", "--data-request-timeout", "1s");
            string dataAddress;
            await using (Client warm = await Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }, ct))
            {
                dataAddress = await FuzzTests.WaitForWorkerAsync(warm, "flood-target", ct);
                Assert.Equal(3, await warm.Submit(UserFunctions.Inc, 2).ResultAsync(ct));
            }

            long schedulerBaseline = scheduler.RssBytes;
            long workerBaseline = worker.RssBytes;

            // Floods: more connections than either process has descriptors, held open together.
            var sockets = new List<Socket>();
            try
            {
                foreach (string target in new[] { address, dataAddress })
                {
                    var uri = new Uri(target);
                    for (int i = 0; i < Flood; i++)
                    {
                        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        sockets.Add(s);
                        try
                        {
                            using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
                            connect.CancelAfter(TimeSpan.FromSeconds(2));
                            await s.ConnectAsync(uri.Host, uri.Port, connect.Token);
                        }
                        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
                        {
                            // The backlog is full: the flood has reached the server's limit.
                        }
                    }
                }

                await worker.WaitForAsync("accept failed (TooManyOpenSockets", ct);
                Assert.True(scheduler.Running, "the scheduler died under the flood:\n" + scheduler.Output);
                Assert.True(worker.Running, "the worker died under the flood:\n" + worker.Output);
                Assert.True(scheduler.Descriptors < DescriptorLimit && worker.Descriptors < DescriptorLimit);
            }
            finally
            {
                foreach (Socket s in sockets)
                {
                    s.Dispose();
                }
            }

            // One message declaring more than the 1 GiB limit: refused from its header, not buffered.
            using (GrpcChannel channel = GrpcChannel.ForAddress(ControlChannel.ToUri(address), new GrpcChannelOptions { MaxSendMessageSize = null }))
            {
                byte[] huge = GC.AllocateUninitializedArray<byte>((1 << 30) + (1 << 16));
                using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(ConnectClient, null, new CallOptions(cancellationToken: ct));
                RpcException e = await Assert.ThrowsAnyAsync<RpcException>(async () =>
                {
                    await call.RequestStream.WriteAsync(huge, ct);
                    await call.ResponseStream.MoveNext(ct);
                });
                Assert.NotEqual(StatusCode.OK, e.StatusCode);
            }

            Assert.True(scheduler.Running, "the scheduler died:\n" + scheduler.Output);
            Assert.True(worker.Running, "the worker died:\n" + worker.Output);

            // A half-sent data-plane request is closed after the (1 s) timeout.
            using (Socket stalled = await DataPlaneFuzzer.ConnectAsync(dataAddress, ct))
            {
                byte[] request = DataPlaneFuzzer.Request(0, "a", "b");
                await stalled.SendAsync(request.AsMemory(0, request.Length - 2), SocketFlags.None, ct);
                int n;
                try
                {
                    n = await stalled.ReceiveAsync(new byte[8], SocketFlags.None, ct);
                }
                catch (SocketException)
                {
                    n = 0;
                }

                Assert.Equal(0, n);
                await worker.WaitForAsync("DataPlaneLimits.RequestTimeout", ct);
            }

            // Both serve a legitimate client afterwards, with the exact answer.
            await using (Client client = await Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }, ct))
            {
                await FuzzTests.WaitForWorkerAsync(client, "flood-target", ct);
                var futures = Enumerable.Range(0, 50).Select(i => client.Submit(UserFunctions.Inc, i)).ToList();
                int sum = 0;
                foreach (Future<int> f in futures)
                {
                    sum += await f.ResultAsync(ct);
                }

                Assert.Equal(1275, sum);
            }

            // Memory back near the baseline (the 1 GiB message was never held).
            long schedulerGrowth = scheduler.RssBytes - schedulerBaseline;
            long workerGrowth = worker.RssBytes - workerBaseline;
            Assert.True(schedulerGrowth < 200L << 20, $"the scheduler grew by {schedulerGrowth >> 20} MiB");
            Assert.True(workerGrowth < 200L << 20, $"the worker grew by {workerGrowth >> 20} MiB");
            Assert.True(scheduler.Running && worker.Running);
        }
    }
}
