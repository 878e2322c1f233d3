using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>Opens gRPC channels to a scheduler address and checks who answers before streams open.</summary>
internal static class ControlChannel
{
    /// <summary>Parses <c>tcp://host:port</c> (or <c>host:port</c>) into the HTTP/2 URI gRPC needs.</summary>
    public static Uri ToUri(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        string a = address.StartsWith("tcp://", StringComparison.Ordinal) ? address[6..] : address;
        if (a.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate("http://" + a, UriKind.Absolute, out Uri? uri) || uri.Port <= 0 || a.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            throw new ArgumentException($"'{address}' is not a scheduler address; expected tcp://host:port, e.g. tcp://127.0.0.1:8786.", nameof(address));
        }

        return uri;
    }

    /// <summary>Largest control-plane message by default (1 GiB), on the scheduler and on clients and workers.</summary>
    public const int DefaultMaxMessageSize = 1 << 30;

    public static GrpcChannel Open(string address, int maxMessageSize = DefaultMaxMessageSize) => GrpcChannel.ForAddress(ToUri(address), new GrpcChannelOptions
    {
        MaxReceiveMessageSize = maxMessageSize,
        MaxSendMessageSize = maxMessageSize,
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            InitialHttp2StreamWindowSize = 8 << 20,
        },
    });

    /// <summary>Asks the scheduler who it is; fails within <paramref name="timeout"/> with the address in the message.</summary>
    public static async Task<IdentityReply> IdentifyAsync(SchedulerRpc.SchedulerRpcClient rpc, string address, TimeSpan timeout, CancellationToken ct)
    {
        IdentityReply reply;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            reply = await rpc.IdentityAsync(new IdentityRequest(), cancellationToken: cts.Token).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Internal or StatusCode.Unknown && !ct.IsCancellationRequested)
        {
            throw new SchedulerUnreachableException(address, timeout, e);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new SchedulerUnreachableException(address, timeout, e);
        }

        if (reply.ProtocolVersion != ProtocolInfo.Version)
        {
            throw new InvalidOperationException($"The scheduler at {address} speaks protocol '{reply.ProtocolVersion}' but this process speaks '{ProtocolInfo.Version}'. Run the same Tessera version everywhere.");
        }

        return reply;
    }
}
