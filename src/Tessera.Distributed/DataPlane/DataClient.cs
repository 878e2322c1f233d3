using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Fetches results from <see cref="DataServer"/>s. One per process: keeps idle connections per address for reuse,
/// and runs any number of fetches at once (each on its own connection). Thread-safe.
/// </summary>
internal sealed class DataClient : IAsyncDisposable
{
    private readonly TimeSpan _connectTimeout;
    private readonly TlsCredentials? _tls;
    private readonly ConcurrentDictionary<string, ConcurrentBag<DataClientConnection>> _idle = new(StringComparer.Ordinal);
    private long _bytesReceived;
    private long _sameHostBytes;
    private int _disposed;

    /// <summary>Creates a client.</summary>
    /// <param name="connectTimeout">How long a connection attempt may take (default 10 s).</param>
    /// <param name="tls">Credentials for <c>tls://</c> servers; null: only <c>tcp://</c> servers can be reached.</param>
    public DataClient(TimeSpan? connectTimeout = null, TlsCredentials? tls = null)
    {
        _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10);
        _tls = tls;
    }

    /// <summary>Bytes received from servers (socket bytes plus shared-memory hand-overs).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Bytes of <see cref="BytesReceived"/> that came through a same-host path rather than the socket.</summary>
    internal long SameHostBytesReceived => Interlocked.Read(ref _sameHostBytes);

    /// <summary>
    /// How arrays of 1 MiB or more are taken from a server on this host. Default <see cref="SameHostPath.ProcessMemory"/>
    /// (one copy, measured fastest); TESSERA_DATAPLANE_SAMEHOST=socket|shm|vm overrides. A /dev/shm file (page
    /// allocation + two copies) measured ~0.4× the socket here, so it is opt-in only.
    /// </summary>
    internal SameHostPath SameHostPath { get; set; } = Environment.GetEnvironmentVariable("TESSERA_DATAPLANE_SAMEHOST") switch
    {
        "socket" => SameHostPath.Socket,
        "shm" => SameHostPath.SharedMemoryFile,
        _ => SameHostPath.ProcessMemory,
    };

    /// <summary>Copies from another process's memory (tests substitute a refusing one to exercise the socket fallback).</summary>
    internal ProcessMemoryReader ReadProcessMemory { get; set; } = ProcessMemory.TryRead;

    /// <summary>Largest single socket call (tests shrink it).</summary>
    internal int MaxIo { get; set; } = FramedSocket.DefaultMaxIo;

    /// <summary>
    /// Fetches <paramref name="keys"/> from the server at <paramref name="address"/> in one request. Arrays come back as
    /// new pooled <see cref="NDArray{T}"/>s the caller owns; other values through <paramref name="decodeOther"/>.
    /// </summary>
    /// <param name="address">"tcp://host:port".</param>
    /// <param name="keys">Keys, answered in this order.</param>
    /// <param name="decodeOther">Turns the bytes of a non-array value back into the value.</param>
    /// <param name="cancellationToken">Cancels the connect, the request and every read.</param>
    /// <returns>One result per key; a key the server lacks has <see cref="FetchResult.Found"/> false.</returns>
    /// <exception cref="IOException">The server is unreachable or the connection failed; the message names the address (and the key being read).</exception>
    public async Task<FetchResult[]> FetchAsync(
        string address, IReadOnlyList<string> keys, Func<ReadOnlyMemory<byte>, object?> decodeOther, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(decodeOther);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (keys.Count == 0)
        {
            return [];
        }

        var pool = _idle.GetOrAdd(address, _ => []);
        var connection = pool.TryTake(out var idle) ? idle : null;
        var reused = connection is not null;
        while (true)
        {
            connection ??= await DataClientConnection.ConnectAsync(address, _connectTimeout, SameHostPath, ReadProcessMemory, MaxIo, cancellationToken, _tls).ConfigureAwait(false);
            var before = connection.BytesReceived;
            var beforeSameHost = connection.SameHostBytes;
            try
            {
                var results = await FetchOnAsync(connection, address, keys, decodeOther, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _bytesReceived, connection.BytesReceived - before);
                Interlocked.Add(ref _sameHostBytes, connection.SameHostBytes - beforeSameHost);
                if (Volatile.Read(ref _disposed) == 0)
                {
                    pool.Add(connection);
                }
                else
                {
                    connection.Dispose();
                }

                return results;
            }
            catch (StaleConnectionException) when (reused)
            {
                // The server closed this idle connection (restart, timeout): retry once on a fresh one.
                connection.Dispose();
                connection = null;
                reused = false;
            }
            catch
            {
                Interlocked.Add(ref _bytesReceived, connection.BytesReceived - before);
                connection.Dispose();
                throw;
            }
        }
    }

    /// <summary>Closes every idle connection; fetches in flight finish on theirs, which are then closed.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var pool in _idle.Values)
            {
                while (pool.TryTake(out var connection))
                {
                    connection.Dispose();
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<FetchResult[]> FetchOnAsync(
        DataClientConnection connection, string address, IReadOnlyList<string> keys, Func<ReadOnlyMemory<byte>, object?> decodeOther, CancellationToken cancellationToken)
    {
        var startBytes = connection.BytesReceived;
        try
        {
            await connection.SendRequestAsync(keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            throw new StaleConnectionException(address, e);
        }

        var results = new FetchResult[keys.Count];
        var i = 0;
        try
        {
            for (; i < keys.Count; i++)
            {
                results[i] = await connection.ReadResultAsync(keys[i], decodeOther, cancellationToken).ConfigureAwait(false);
            }

            return results;
        }
        catch (Exception e)
        {
            for (var j = 0; j < i; j++)
            {
                (results[j].Value as IDisposable)?.Dispose();
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            if (i == 0 && connection.BytesReceived == startBytes && e is EndOfStreamException or SocketException)
            {
                throw new StaleConnectionException(address, e);
            }

            if (e is SocketException or IOException or InvalidDataException or ObjectDisposedException)
            {
                throw new IOException($"Data plane: transfer from {address} failed while receiving key '{keys[i]}': {e.Message}", e);
            }

            throw;
        }
    }
}
