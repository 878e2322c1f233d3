using Grpc.Core;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>The gRPC endpoints: read batches into the core, write each outbox out as batches.</summary>
internal sealed class SchedulerRpcService(SchedulerCore core) : SchedulerRpc.SchedulerRpcBase
{
    public override Task ConnectWorker(IAsyncStreamReader<WorkerBatch> requestStream, IServerStreamWriter<SchedulerToWorkerBatch> responseStream, ServerCallContext context) =>
        ServeAsync<WorkerBatch, SchedulerToWorkerBatch, WorkerHello, WorkerConnection, SchedulerToWorker>(
            requestStream,
            responseStream,
            context,
            "worker",
            static b => b.Messages.Count == 1 && b.Messages[0].Hello is { } h ? (h, h.ProtocolVersion) : null,
            hello =>
            {
                try
                {
                    return core.AddWorker(hello);
                }
                catch (InvalidOperationException e)
                {
                    throw new RpcException(new Status(StatusCode.AlreadyExists, e.Message));
                }
            },
            core.HandleWorkerBatch,
            core.RemoveWorker,
            static list => { var b = new SchedulerToWorkerBatch(); b.Messages.AddRange(list); return b; });

    public override Task ConnectClient(IAsyncStreamReader<ClientBatch> requestStream, IServerStreamWriter<SchedulerToClientBatch> responseStream, ServerCallContext context) =>
        ServeAsync<ClientBatch, SchedulerToClientBatch, ClientHello, ClientConnection, SchedulerToClient>(
            requestStream,
            responseStream,
            context,
            "client",
            static b => b.Messages.Count == 1 && b.Messages[0].Hello is { } h ? (h, h.ProtocolVersion) : null,
            core.AddClient,
            core.HandleClientBatch,
            core.RemoveClient,
            static list => { var b = new SchedulerToClientBatch(); b.Messages.AddRange(list); return b; });

    /// <summary>
    /// One peer's stream for its lifetime: a hello (version checked), then its batches into the core
    /// while its outbox is written out; whatever ends the stream, the peer is removed.
    /// </summary>
    private async Task ServeAsync<TIn, TOut, THello, TConn, TMessage>(
        IAsyncStreamReader<TIn> requestStream,
        IServerStreamWriter<TOut> responseStream,
        ServerCallContext context,
        string kind,
        Func<TIn, (THello Hello, string Version)?> readHello,
        Func<THello, TConn> add,
        Action<TConn, TIn> handle,
        Action<TConn> remove,
        Func<List<TMessage>, TOut> batch)
        where TConn : Outbox<TMessage>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, core.Shutdown.Token);
        CancellationToken ct = linked.Token;
        if (!await requestStream.MoveNext(ct).ConfigureAwait(false) || readHello(requestStream.Current) is not { } hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A {kind}'s first message must be its hello."));
        }

        if (hello.Version != ProtocolInfo.Version)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ProtocolInfo.Mismatch(kind, hello.Version)));
        }

        TConn conn = add(hello.Hello);
        Task writer = PumpAsync(conn, responseStream, batch, ct);
        try
        {
            while (await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                handle(conn, requestStream.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            // The peer went away; removing it below reschedules or releases its work.
        }
        finally
        {
            remove(conn);
        }

        await writer.ConfigureAwait(false);
    }

    public override Task<AssemblyReply> FetchAssembly(AssemblyRequest request, ServerCallContext context)
    {
        byte[]? bytes = core.GetAssembly(request.Hash);
        return Task.FromResult(bytes is null ? new AssemblyReply { Found = false } : new AssemblyReply { Found = true, Bytes = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(bytes) });
    }

    public override Task<IdentityReply> Identity(IdentityRequest request, ServerCallContext context)
    {
        var reply = new IdentityReply { ProtocolVersion = ProtocolInfo.Version, Address = core.Address, DashboardAddress = core.DashboardAddress ?? "" };
        reply.Workers.AddRange(core.WorkerInfos());
        return Task.FromResult(reply);
    }

    /// <summary>Drains an outbox: everything queued at the moment goes out as one batch.</summary>
    private static async Task PumpAsync<TMessage, TBatch>(Outbox<TMessage> box, IServerStreamWriter<TBatch> stream, Func<List<TMessage>, TBatch> batch, CancellationToken ct)
    {
        var pending = new List<TMessage>();
        try
        {
            while (await box.ReadBatchAsync(pending, 10_000, ct).ConfigureAwait(false))
            {
                await stream.WriteAsync(batch(pending), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or RpcException)
        {
            // The peer is gone; the reader side reports it.
        }
    }
}
