using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>Opens gRPC channels to a scheduler address and checks who answers before streams open.</summary>
internal static class ControlChannel
{
    /// <summary>Parses <c>tcp://host:port</c> (or <c>host:port</c>) into the HTTP/2 URI gRPC needs; <c>tls://host:port</c> into an https one.</summary>
    public static Uri ToUri(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        bool tls = address.StartsWith("tls://", StringComparison.Ordinal);
        string a = address.StartsWith("tcp://", StringComparison.Ordinal) || tls ? address[6..] : address;
        if (a.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate((tls ? "https://" : "http://") + a, UriKind.Absolute, out Uri? uri) || uri.Port <= 0 || a.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            throw new ArgumentException($"'{address}' is not a scheduler address; expected tcp://host:port or tls://host:port, e.g. tls://127.0.0.1:8786.", nameof(address));
        }

        return uri;
    }

    /// <summary>Largest control-plane message by default (1 GiB), on the scheduler and on clients and workers.</summary>
    public const int DefaultMaxMessageSize = 1 << 30;

    /// <summary>A channel to the scheduler at <paramref name="address"/>; over mutual TLS (presenting the certificate of <paramref name="role"/> from <paramref name="security"/>, trusting only its authority) for a <c>tls://</c> address.</summary>
    /// <exception cref="ArgumentException">The address's scheme does not fit the credentials (see <see cref="Security.CheckAddress"/>).</exception>
    public static GrpcChannel Open(string address, Security security, TlsRole role, int maxMessageSize = DefaultMaxMessageSize)
    {
        security.CheckAddress(address, "The scheduler address");
        Uri uri = ToUri(address);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            InitialHttp2StreamWindowSize = 8 << 20,
        };
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = security.For(role)!.ClientOptions(address);
        }

        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = maxMessageSize, MaxSendMessageSize = maxMessageSize, HttpHandler = handler });
    }

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
