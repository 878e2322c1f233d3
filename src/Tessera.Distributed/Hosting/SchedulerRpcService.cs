using Grpc.Core;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>The gRPC endpoints: read batches into the core, write each outbox out as batches.</summary>
internal sealed class SchedulerRpcService(SchedulerCore core) : SchedulerRpc.SchedulerRpcBase
{
    public override async Task ConnectWorker(IAsyncStreamReader<WorkerBatch> requestStream, IServerStreamWriter<SchedulerToWorkerBatch> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, core.Shutdown.Token);
        CancellationToken ct = linked.Token;
        if (!await requestStream.MoveNext(ct).ConfigureAwait(false) || requestStream.Current.Messages.Count != 1 || requestStream.Current.Messages[0].Hello is not { } hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A worker's first message must be WorkerHello."));
        }

        if (hello.ProtocolVersion != ProtocolInfo.Version)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ProtocolInfo.Mismatch("worker", hello.ProtocolVersion)));
        }

        WorkerConnection conn;
        try
        {
            conn = core.AddWorker(hello);
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, e.Message));
        }

        Task writer = PumpAsync(conn, responseStream, static list => { var b = new SchedulerToWorkerBatch(); b.Messages.AddRange(list); return b; }, ct);
        try
        {
            while (await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                core.HandleWorkerBatch(conn, requestStream.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            // The worker went away; RemoveWorker below reschedules its work.
        }
        finally
        {
            core.RemoveWorker(conn);
        }

        await writer.ConfigureAwait(false);
    }

    public override async Task ConnectClient(IAsyncStreamReader<ClientBatch> requestStream, IServerStreamWriter<SchedulerToClientBatch> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, core.Shutdown.Token);
        CancellationToken ct = linked.Token;
        if (!await requestStream.MoveNext(ct).ConfigureAwait(false) || requestStream.Current.Messages.Count != 1 || requestStream.Current.Messages[0].Hello is not { } hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A client's first message must be ClientHello."));
        }

        if (hello.ProtocolVersion != ProtocolInfo.Version)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ProtocolInfo.Mismatch("client", hello.ProtocolVersion)));
        }

        ClientConnection conn = core.AddClient(hello);
        Task writer = PumpAsync(conn, responseStream, static list => { var b = new SchedulerToClientBatch(); b.Messages.AddRange(list); return b; }, ct);
        try
        {
            while (await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                core.HandleClientBatch(conn, requestStream.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            // The client went away: its tasks are released below.
        }
        finally
        {
            core.RemoveClient(conn);
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
