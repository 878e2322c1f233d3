using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>
/// At least 10,000 hostile messages at a scheduler process (gRPC) and a worker process (data port), then a
/// legitimate computation with the exact answer, both processes still up.
/// </summary>
public sealed class FuzzTests
{
    private const int ControlMessages = 6_000;
    private const int DataMessages = 5_000;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(static (byte[] b) => b, static b => b);
    private static readonly Method<byte[], byte[]> ConnectWorker = new(MethodType.DuplexStreaming, "tessera.v1.SchedulerRpc", "ConnectWorker", Raw, Raw);
    private static readonly Method<byte[], byte[]> ConnectClient = new(MethodType.DuplexStreaming, "tessera.v1.SchedulerRpc", "ConnectClient", Raw, Raw);

    [Fact]
    public async Task SchedulerAndWorkerSurviveTenThousandHostileMessages_ThenComputeExactly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        CancellationToken ct = timeout.Token;
        (ChildProcess scheduler, string address) = await ChildProcess.StartSchedulerAsync(null, ct);
        await using (scheduler)
        {
            await using ChildProcess worker = ChildProcess.StartWorker(address, "fuzz-target", null);
            await using Client client = await Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }, ct);
            string dataAddress = await WaitForWorkerAsync(client, "fuzz-target", ct);

            // The control plane: random, mutated and inconsistent messages, each call on a fresh stream.
            using GrpcChannel channel = ControlChannel.Open(address, Security.None, TlsRole.Client);
            CallInvoker invoker = channel.CreateCallInvoker();
            var rpc = new SchedulerRpc.SchedulerRpcClient(channel);
            int controlSent = 0;
            var calls = Enumerable.Range(0, ControlMessages).ToList();
            await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            {
                if (Volatile.Read(ref controlSent) >= ControlMessages)
                {
                    return;
                }

                var hostile = new HostileMessages(i);
                if (i % 20 == 0)
                {
                    AssemblyReply? reply = null;
                    try
                    {
                        reply = await rpc.FetchAssemblyAsync(new AssemblyRequest { Hash = hostile.NextAssemblyHash() }, cancellationToken: token);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
                    {
                        // Refused before any lookup.
                    }

                    Assert.False(reply?.Found ?? false);
                    Interlocked.Increment(ref controlSent);
                    return;
                }

                (bool asWorker, List<byte[]> messages) = hostile.Next();
                Interlocked.Add(ref controlSent, messages.Count);
                await SendAsync(invoker, asWorker ? ConnectWorker : ConnectClient, messages, token);
            });

            // The data plane of the worker process.
            int dataSent = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, DataMessages), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            {
                if (Volatile.Read(ref dataSent) < DataMessages)
                {
                    Interlocked.Add(ref dataSent, await DataPlaneFuzzer.OneConnectionAsync(dataAddress, new Random(i), token));
                }
            });

            Assert.True(controlSent + dataSent >= 10_000, $"{controlSent} + {dataSent} messages");
            Assert.True(scheduler.Running, "the scheduler process died:\n" + scheduler.Output);
            Assert.True(worker.Running, "the worker process died:\n" + worker.Output);

            // Refusals are logged with the peer's address, and nothing hostile is left registered.
            Assert.Contains("refused worker at ipv4:127.0.0.1:", scheduler.Output, StringComparison.Ordinal);
            Assert.Contains("refused client at ipv4:127.0.0.1:", scheduler.Output, StringComparison.Ordinal);
            Assert.Contains("WorkerHello.nthreads must be between 1 and 65536, got 2147483647", scheduler.Output, StringComparison.Ordinal);
            Assert.Contains("refused 127.0.0.1:", worker.Output, StringComparison.Ordinal);
            int refusals = scheduler.Output.Split('\n').Count(static l => l.Contains("tessera scheduler: refused", StringComparison.Ordinal));
            Assert.True(refusals >= ControlMessages / 4, $"only {refusals} refusals logged");
            await WaitUntilAsync(() => client.Workers.Count == 1, ct);

            // A legitimate client computes the exact answer.
            var futures = Enumerable.Range(0, 100).Select(i => client.Submit(UserFunctions.Inc, i)).ToList();
            int sum = 0;
            foreach (Future<int> f in futures)
            {
                sum += await f.ResultAsync(ct);
            }

            Assert.Equal(5050, sum);
            Assert.Equal(7, await client.Submit(UserFunctions.Inc, 6).ResultAsync(ct));
            Assert.True(scheduler.Running && worker.Running);
        }
    }

    /// <summary>Sends the messages on a fresh stream, ends it, and drains the answer (refusal or not) within 10 s.</summary>
    private static async Task SendAsync(CallInvoker invoker, Method<byte[], byte[]> method, List<byte[]> messages, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        using AsyncDuplexStreamingCall<byte[], byte[]> call = invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(cancellationToken: deadline.Token));
        try
        {
            foreach (byte[] m in messages)
            {
                await call.RequestStream.WriteAsync(m, deadline.Token);
            }

            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(deadline.Token))
            {
            }
        }
        catch (RpcException) when (!ct.IsCancellationRequested)
        {
            // Refused: what we expect of most of these.
        }
        catch (InvalidOperationException) when (!ct.IsCancellationRequested)
        {
            // Writing after the server ended the call.
        }

        Assert.False(deadline.IsCancellationRequested && !ct.IsCancellationRequested, "the scheduler neither answered nor closed a hostile stream within 10 s");
    }

    internal static async Task<string> WaitForWorkerAsync(Client client, string name, CancellationToken ct)
    {
        await WaitUntilAsync(() => client.Workers.Any(w => w.Name == name), ct);
        return client.Workers.First(w => w.Name == name).DataAddress;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(50, ct);
        }
    }
}
