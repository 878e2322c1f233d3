using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tessera.Distributed.DataPlane;

/// <summary>One client connection to a <see cref="DataServer"/>: connect + hello, then fetch requests one at a time.</summary>
internal sealed class DataClientConnection : IDisposable
{
    private readonly FramedSocket _socket;
    private readonly ProcessMemoryReader _readProcessMemory;
    private SameHostPath _sameHost;

    private DataClientConnection(FramedSocket socket, SameHostPath sameHost, ProcessMemoryReader readProcessMemory)
    {
        _socket = socket;
        _sameHost = sameHost;
        _readProcessMemory = readProcessMemory;
    }

    /// <summary>Bytes received on this connection plus same-host hand-overs.</summary>
    public long BytesReceived => _socket.BytesReceived + SameHostBytes;

    /// <summary>The same-host path this connection asks for (<see cref="SameHostPath.Socket"/> for a remote server).</summary>
    public SameHostPath SameHost => _sameHost;

    /// <summary>Bytes received through a same-host path rather than the socket.</summary>
    public long SameHostBytes { get; private set; }

    /// <summary>
    /// Connects to <paramref name="address"/> ("tcp://host:port", or "tls://host:port" with <paramref name="tls"/>), reads the
    /// server's hello and, on the server's host, proves to each other that both run as the same user (else no same-host path).
    /// </summary>
    /// <exception cref="IOException">Refused, unreachable, timed out, not a data server, or a failed TLS handshake; the message names the address.</exception>
    public static async Task<DataClientConnection> ConnectAsync(string address, TimeSpan timeout, SameHostPath sameHost, ProcessMemoryReader readProcessMemory, int maxIo, CancellationToken cancellationToken, TlsCredentials? tls = null)
    {
        var (host, port) = ParseAddress(address);
        bool secure = address.StartsWith("tls://", StringComparison.Ordinal);
        if (secure && tls is null)
        {
            throw new IOException($"Data plane: {address} requires TLS, but this process has no credentials (Security).");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Socket? socket = null;
        try
        {
            var ip = IPAddress.TryParse(host, out var parsed) ? parsed
                : (await Dns.GetHostAddressesAsync(host, deadline.Token).ConfigureAwait(false))[0];
            socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(ip, port), deadline.Token).ConfigureAwait(false);
            var framed = new FramedSocket(socket, maxIo);
            if (secure)
            {
                await DataPlaneTls.ConnectAsync(framed, tls!, address, deadline.Token).ConfigureAwait(false);
            }

            await framed.FillAsync(10, deadline.Token).ConfigureAwait(false);
            var hello = framed.Buffered;
            if (BinaryPrimitives.ReadUInt32LittleEndian(hello) != WireProtocol.Magic)
            {
                throw new InvalidDataException("not a Tessera data server");
            }

            var version = BinaryPrimitives.ReadUInt16LittleEndian(hello[4..]);
            if (version != WireProtocol.Version)
            {
                throw new InvalidDataException($"protocol version {version}, expected {WireProtocol.Version}");
            }

            framed.Consume(6);
            var serverHost = await framed.ReadStringAsync(deadline.Token).ConfigureAwait(false);
            await framed.FillAsync(SameUserProof.Size, deadline.Token).ConfigureAwait(false);
            var serverNonce = framed.Buffered[..SameUserProof.Size].ToArray();
            framed.Consume(SameUserProof.Size);
            var local = HostIdentity.Current;
            var same = local is not null && serverHost == local && sameHost != SameHostPath.Socket
                && await ProveSameUserAsync(framed, serverNonce, deadline.Token).ConfigureAwait(false);
            return new DataClientConnection(framed, same ? sameHost : SameHostPath.Socket, readProcessMemory);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket?.Dispose();
            throw new IOException($"Data plane: could not connect to {address} within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            socket?.Dispose();
            throw new IOException($"Data plane: could not connect to {address}: {e.Message}", e);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    /// <summary>Splits "tcp://host:port" or "tls://host:port" (host may be an IPv6 literal in brackets).</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static (string Host, int Port) ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!(address.StartsWith("tcp://", StringComparison.Ordinal) || address.StartsWith("tls://", StringComparison.Ordinal))
            || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            throw new ArgumentException($"Data plane: '{address}' is not a tcp://host:port or tls://host:port address.", nameof(address));
        }

        return (uri.IdnHost.Trim('[', ']'), uri.Port);
    }

    /// <summary>Answers the server's nonce and checks its answer to ours; true when both ends proved they share this user's host key.</summary>
    private static async Task<bool> ProveSameUserAsync(FramedSocket framed, byte[] serverNonce, CancellationToken cancellationToken)
    {
        if (SameUserProof.Key is not { } key)
        {
            return false;
        }

        var nonce = SameUserProof.NewNonce();
        var request = await framed.ReserveAsync(1 + (2 * SameUserProof.Size), cancellationToken).ConfigureAwait(false);
        request.Span[0] = WireProtocol.OpProveSameUser;
        nonce.CopyTo(request.Span[1..]);
        SameUserProof.Answer(key, "client", serverNonce, nonce).CopyTo(request.Span[(1 + SameUserProof.Size)..]);
        await framed.FlushAsync(cancellationToken).ConfigureAwait(false);
        await framed.FillAsync(1 + SameUserProof.Size, cancellationToken).ConfigureAwait(false);
        var proven = framed.Buffered[0] == 1
            && SameUserProof.Check(key, "server", nonce, serverNonce, framed.Buffered[1..(1 + SameUserProof.Size)]);
        framed.Consume(1 + SameUserProof.Size);
        return proven;
    }

    /// <summary>Sends a fetch request for <paramref name="keys"/>.</summary>
    public async Task SendRequestAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var head = await _socket.ReserveAsync(6, cancellationToken).ConfigureAwait(false);
        head.Span[0] = WireProtocol.OpFetch;
        head.Span[1] = (byte)_sameHost;
        BinaryPrimitives.WriteInt32LittleEndian(head.Span[2..], keys.Count);
        foreach (var key in keys)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            BinaryPrimitives.WriteInt32LittleEndian((await _socket.ReserveAsync(4, cancellationToken).ConfigureAwait(false)).Span, bytes.Length);
            await _socket.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        await _socket.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the answer for one key (in request order). An array received is owned by the caller.</summary>
    public async Task<FetchResult> ReadResultAsync(string key, Func<ReadOnlyMemory<byte>, object?> decodeOther, CancellationToken cancellationToken)
    {
        var status = await _socket.ReadByteAsync(cancellationToken).ConfigureAwait(false);
        if (status == WireProtocol.Missing)
        {
            return new FetchResult(key, false, null, 0);
        }

        var kind = (WireKind)await _socket.ReadByteAsync(cancellationToken).ConfigureAwait(false);
        if (kind == WireKind.Other)
        {
            var length = await _socket.ReadInt64Async(cancellationToken).ConfigureAwait(false);
            if (length is < 0 or > int.MaxValue)
            {
                throw new InvalidDataException($"bad payload length {length}");
            }

            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            await _socket.ReadExactAsync(bytes, cancellationToken).ConfigureAwait(false);
            return new FetchResult(key, true, decodeOther(bytes), length);
        }

        await _socket.FillAsync(2, cancellationToken).ConfigureAwait(false);
        var dtype = (WireDType)_socket.Buffered[0];
        int ndim = _socket.Buffered[1];
        _socket.Consume(2);
        if (ndim > WireProtocol.MaxDims)
        {
            throw new InvalidDataException($"bad ndim {ndim}");
        }

        var shape = new long[ndim];
        for (var d = 0; d < ndim; d++)
        {
            shape[d] = await _socket.ReadInt64Async(cancellationToken).ConfigureAwait(false);
        }

        var count = await _socket.ReadInt64Async(cancellationToken).ConfigureAwait(false);
        return kind switch
        {
            WireKind.Constant => await ReadConstantAsync(key, dtype, shape, (int)count, cancellationToken).ConfigureAwait(false),
            WireKind.Array or WireKind.SharedMemoryArray or WireKind.ProcessMemoryArray => await ReadArrayAsync(key, kind, dtype, shape, count, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidDataException($"unknown value kind {(byte)kind}"),
        };
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _socket.Dispose();

    private async Task ReadProcessMemoryAsync(nint destination, long count, CancellationToken cancellationToken)
    {
        await _socket.FillAsync(12, cancellationToken).ConfigureAwait(false);
        var pid = BinaryPrimitives.ReadInt32LittleEndian(_socket.Buffered);
        var address = BinaryPrimitives.ReadInt64LittleEndian(_socket.Buffered[4..]);
        _socket.Consume(12);
        var copied = _readProcessMemory(pid, address, destination, count);
        (await _socket.ReserveAsync(1, cancellationToken).ConfigureAwait(false)).Span[0] = copied ? (byte)1 : (byte)0;
        await _socket.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (copied)
        {
            SameHostBytes += count;
            return;
        }

        // Refused (ptrace policy, another user): take the bytes on the socket, and stop asking on this connection.
        _sameHost = SameHostPath.Socket;
        await _socket.ReadExactAsync(destination, count, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FetchResult> ReadConstantAsync(string key, WireDType dtype, long[] shape, int itemSize, CancellationToken cancellationToken)
    {
        if (itemSize != NDArrayCodec.ItemSize(dtype))
        {
            throw new InvalidDataException($"constant of {itemSize} bytes for dtype {dtype}");
        }

        await _socket.FillAsync(itemSize, cancellationToken).ConfigureAwait(false);
        var value = NDArrayCodec.Constant(dtype, shape, _socket.Buffered[..itemSize]);
        _socket.Consume(itemSize);
        return new FetchResult(key, true, value, itemSize);
    }

    private async Task<FetchResult> ReadArrayAsync(string key, WireKind kind, WireDType dtype, long[] shape, long count, CancellationToken cancellationToken)
    {
        if (count != NDArrayCodec.ByteCount(dtype, shape))
        {
            throw new InvalidDataException($"{count} bytes announced for a {dtype} array of {shape.Length} dims");
        }

        var array = NDArrayCodec.Allocate(dtype, shape, out var pointer);
        try
        {
            if (kind == WireKind.SharedMemoryArray)
            {
                var path = await _socket.ReadStringAsync(cancellationToken).ConfigureAwait(false);
                SharedMemoryFiles.ReadAndDelete(path, pointer, count);
                SameHostBytes += count;
            }
            else if (kind == WireKind.ProcessMemoryArray)
            {
                await ReadProcessMemoryAsync(pointer, count, cancellationToken).ConfigureAwait(false);
            }
            else if (count > 0)
            {
                await _socket.ReadExactAsync(pointer, count, cancellationToken).ConfigureAwait(false);
            }

            GC.KeepAlive(array);
            return new FetchResult(key, true, array, count);
        }
        catch
        {
            array.Dispose();
            throw;
        }
    }
}
