using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// The data plane's mutual TLS: both ends authenticate against the cluster's authority before the server sends its
/// hello, so an unauthenticated peer is refused (and logged with its address) before a single byte is served.
/// </summary>
internal static class DataPlaneTls
{
    /// <summary>How long a handshake may take before the connection is dropped.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Authenticates an accepted connection; false (logged, with the peer's address) when the peer is refused.</summary>
    public static async Task<bool> AcceptAsync(FramedSocket socket, TlsCredentials tls, CancellationToken stopping)
    {
        EndPoint? peer = PeerOf(socket.Socket);
        var transport = new TlsTransportStream(socket.Socket);
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        SslServerAuthenticationOptions options = tls.ServerOptions(peer, "the data server");
        RemoteCertificateValidationCallback judge = options.RemoteCertificateValidationCallback!;
        bool judged = false;
        options.RemoteCertificateValidationCallback = (s, c, ch, e) =>
        {
            judged = true;
            return judge(s, c, ch, e);
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(options, deadline.Token).ConfigureAwait(false);
            transport.Coalesce = true;
            socket.Secure(ssl);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            SecurityLog.Refused("the data server", peer, $"no TLS handshake within {HandshakeTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            if (!judged)
            {
                SecurityLog.Refused("the data server", peer, "not a valid TLS handshake (" + e.Message + ")");
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }

        await ssl.DisposeAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>Authenticates a new client connection to the server at <paramref name="address"/>.</summary>
    /// <exception cref="IOException">The server was refused or refused us; the message names the address.</exception>
    public static async Task ConnectAsync(FramedSocket socket, TlsCredentials tls, string address, CancellationToken cancellationToken)
    {
        var transport = new TlsTransportStream(socket.Socket);
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(tls.ClientOptions(address), cancellationToken).ConfigureAwait(false);
            transport.Coalesce = true;
            socket.Secure(ssl);
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"TLS handshake with {address} failed: {e.Message}", e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static EndPoint? PeerOf(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }
}
