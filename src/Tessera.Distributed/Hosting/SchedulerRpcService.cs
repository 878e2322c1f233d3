using Grpc.Core;
using Tessera.Distributed.Hardening;
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
            MessageValidator.Check,
            MessageValidator.Check,
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
            MessageValidator.Check,
            MessageValidator.Check,
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
        Action<THello> checkHello,
        Action<TIn> checkBatch,
        Func<THello, TConn> add,
        Action<TConn, TIn> handle,
        Action<TConn> remove,
        Func<List<TMessage>, TOut> batch)
        where TConn : Outbox<TMessage>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, core.Shutdown.Token);
        CancellationToken ct = linked.Token;
        (THello Hello, string Version)? hello;
        try
        {
            hello = await requestStream.MoveNext(ct).ConfigureAwait(false) ? readHello(requestStream.Current) : null;
            if (hello is { } h && h.Version == ProtocolInfo.Version)
            {
                checkHello(h.Hello);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw core.Refuse(kind, context.Peer, e);
        }

        if (hello is null)
        {
            throw core.Refuse(kind, context.Peer, new ProtocolViolationException($"A {kind}'s first message must be its hello."));
        }

        if (hello.Value.Version != ProtocolInfo.Version)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ProtocolInfo.Mismatch(kind, hello.Value.Version)));
        }

        TConn conn = add(hello.Value.Hello);
        Task writer = PumpAsync(conn, responseStream, batch, ct);
        RpcException? refusal = null;
        try
        {
            while (await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                checkBatch(requestStream.Current);
                handle(conn, requestStream.Current);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || (e is IOException && e is not Google.Protobuf.InvalidProtocolBufferException) || (e is RpcException && ct.IsCancellationRequested))
        {
            // The peer went away; removing it below reschedules or releases its work.
        }
        catch (Exception e)
        {
            // A message that fails validation or decoding, or one that exposes a bug: this peer alone goes.
            refusal = core.Refuse(kind, context.Peer, e);
        }
        finally
        {
            remove(conn);
        }

        await writer.ConfigureAwait(false);
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    public override Task<AssemblyReply> FetchAssembly(AssemblyRequest request, ServerCallContext context)
    {
        if (!WireChecks.IsHash(request.Hash))
        {
            throw core.Refuse("assembly fetch", context.Peer, new ProtocolViolationException($"AssemblyRequest.hash must be {WireLimits.HashLength} lowercase hex digits, got {WireChecks.Describe(request.Hash)}."));
        }

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
