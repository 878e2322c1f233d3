using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// A worker's data server: peers and the client connect over TCP and fetch results by key (see
/// <see cref="WireProtocol"/>). Each connection is served by its own task, one request at a time.
/// </summary>
internal sealed class DataServer : IAsyncDisposable
{
    /// <summary>Arrays of at least this many bytes (1 MiB) may take a same-host path.</summary>
    public const long DefaultSameHostThreshold = 1L << 20;

    private readonly IDataStore _store;
    private readonly Func<object?, byte[]> _encodeOther;
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<DataServerConnection, Task> _connections = new();
    private readonly int _maxConnections;
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _bytesSent;
    private long _refusals;
    private int _disposed;

    /// <summary>Creates a server over <paramref name="store"/>; call <see cref="Start"/> to listen.</summary>
    /// <param name="store">Where results are looked up.</param>
    /// <param name="encodeOther">Serialises values that are not NDArrays.</param>
    /// <param name="host">Address to bind (an IP literal or a host name).</param>
    /// <param name="port">Port to bind; 0 picks a free one.</param>
    /// <param name="limits">What a peer may ask; null for the defaults.</param>
    /// <param name="tls">Credentials: every connection must then pass mutual TLS first (address <c>tls://</c>); null serves plain TCP.</param>
    public DataServer(IDataStore store, Func<object?, byte[]> encodeOther, string host = "127.0.0.1", int port = 0, DataPlaneLimits? limits = null, TlsCredentials? tls = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(encodeOther);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        _store = store;
        _encodeOther = encodeOther;
        _host = host;
        _port = port;
        Tls = tls;
        Limits = limits ?? new DataPlaneLimits();
        _maxConnections = Hardening.DescriptorLimit.Connections(Limits.MaxConnections, 4096);
        Address = "";
    }

    /// <summary>What a peer may ask.</summary>
    public DataPlaneLimits Limits { get; }

    /// <summary>Peers whose connection was closed for a bad or stalled request, or refused for too many connections.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    /// <summary>Connections open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Where refusals and accept failures are logged (one line each, naming the peer); default standard error.</summary>
    public Action<string> Log { get; set; } = Hardening.GuardedTimer.DefaultLog;

    /// <summary>"tcp://host:port" (or "tls://host:port" with credentials) once started.</summary>
    public string Address { get; private set; }

    /// <summary>Bytes sent to clients (socket bytes plus shared-memory hand-overs).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Whether the worker is paused for memory: then one transfer is sent at a time (see <see cref="PausedTransferLimit"/>).</summary>
    public bool Paused
    {
        get => TransferLimit.Paused;
        set => TransferLimit.Paused = value;
    }

    /// <summary>The one-at-a-time limit of a paused server.</summary>
    internal PausedTransferLimit TransferLimit { get; } = new();

    /// <summary>Largest single socket call (tests shrink it to exercise many-piece transfers).</summary>
    internal int MaxIo { get; set; } = FramedSocket.DefaultMaxIo;

    /// <summary>
    /// Arrays of at least this many bytes (default 1 MiB) take the same-host path the client asks for (see
    /// <see cref="SameHostPath"/>); <see cref="long.MaxValue"/> sends everything over the socket.
    /// </summary>
    internal long SameHostThreshold { get; set; } = DefaultSameHostThreshold;

    /// <summary>The credentials every client must pass, or null for plain TCP.</summary>
    internal TlsCredentials? Tls { get; }

    /// <summary>The store.</summary>
    internal IDataStore Store => _store;

    /// <summary>The encoder for non-array values.</summary>
    internal Func<object?, byte[]> EncodeOther => _encodeOther;

    /// <summary>Binds and starts accepting connections.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_listener is not null)
        {
            throw new InvalidOperationException("DataServer.Start: already started.");
        }

        var ip = IPAddress.TryParse(_host, out var parsed) ? parsed : Dns.GetHostAddresses(_host)[0];
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(ip, _port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{_host}]" : _host;
        Address = string.Create(CultureInfo.InvariantCulture, $"{(Tls is null ? "tcp" : "tls")}://{host}:{port}");
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>Stops listening, closes every connection and waits for their tasks; deletes pending shared-memory files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
        TransferLimit.Dispose();
    }

    /// <summary>Adds to <see cref="BytesSent"/>.</summary>
    internal void CountSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    /// <summary>Records and logs a refused peer (never the process).</summary>
    internal void Refuse(string peer, string why)
    {
        long n = Interlocked.Increment(ref _refusals);
        if (n <= 100 || n % 1000 == 0)
        {
            Log($"tessera data server {Address}: refused {peer} (refusal {n}): {why}");
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var backoff = TimeSpan.Zero;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (!_stopping.IsCancellationRequested)
            {
                // Out of descriptors (EMFILE/ENFILE) or an aborted handshake: wait a little for descriptors to come back, then go on.
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.TicksPerSecond));
                Refuse("the next connection", $"accept failed ({e.SocketErrorCode}: {e.Message}); retrying in {backoff.TotalMilliseconds:0} ms");
                try
                {
                    await Task.Delay(backoff, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Accept(socket);
        }
    }

    private void Accept(Socket socket)
    {
        string peer = Peer(socket);
        if (_connections.Count >= _maxConnections)
        {
            Refuse(peer, $"already {_connections.Count} connections open (DataPlaneLimits.MaxConnections is {_maxConnections})");
            socket.Dispose();
            return;
        }

        FramedSocket framed;
        try
        {
            framed = new FramedSocket(socket, MaxIo);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset before it could be tuned: nothing to serve.
            socket.Dispose();
            return;
        }

        var connection = new DataServerConnection(this, framed, peer);
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connection] = ServeAsync(connection, registered.Task);
        registered.SetResult();
    }

    private static string Peer(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() ?? "an unknown peer";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return "an unknown peer";
        }
    }

    private async Task ServeAsync(DataServerConnection connection, Task registered)
    {
        // Wait until the accept loop has registered this task, so that deregistering below cannot come first.
        await registered.ConfigureAwait(false);
        try
        {
            await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }
}
