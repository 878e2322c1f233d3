using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Tessera.Distributed.DataPlane;

/// <summary>Serves one client connection of a <see cref="DataServer"/>: hello, then requests until the client leaves.</summary>
internal sealed class DataServerConnection : IDisposable
{
    private readonly DataServer _server;
    private readonly FramedSocket _socket;
    private readonly string _peer;
    private long _sharedMemoryBytes;

    /// <summary>Shared-memory files handed out in the last response: deleted once the client sends its next request or leaves.</summary>
    private readonly List<string> _handedOut = [];

    /// <summary>This connection's nonce for the same-user proof.</summary>
    private readonly byte[] _nonce = SameUserProof.NewNonce();

    /// <summary>Whether the client proved it runs on this host as this user: only then are same-host paths served.</summary>
    private bool _sameUser;

    /// <summary>Creates the handler.</summary>
    public DataServerConnection(DataServer server, FramedSocket socket, string peer = "a peer")
    {
        _server = server;
        _socket = socket;
        _peer = peer;
    }

    /// <summary>Serves requests until the client closes the connection, an I/O error, or <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (_server.Tls is { } tls && !await DataPlaneTls.AcceptAsync(_socket, tls, stopping).ConfigureAwait(false))
            {
                return;
            }

            await SendHelloAsync(stopping).ConfigureAwait(false);
            while (!stopping.IsCancellationRequested)
            {
                byte op;
                try
                {
                    op = await _socket.ReadByteAsync(stopping).ConfigureAwait(false);
                }
                catch (EndOfStreamException)
                {
                    return;
                }

                DeleteHandedOut();
                if (op == WireProtocol.OpProveSameUser)
                {
                    await ProveSameUserAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (op != WireProtocol.OpFetch)
                {
                    throw new InvalidDataException($"Data plane: unknown request op {op}.");
                }

                var request = await ReadRequestAsync(stopping).ConfigureAwait(false);
                var before = _socket.BytesSent;
                using (await _server.TransferLimit.EnterAsync(stopping).ConfigureAwait(false))
                {
                    await ServeFetchAsync(request.Flags, request.Keys, stopping).ConfigureAwait(false);
                    await _socket.FlushAsync(stopping).ConfigureAwait(false);
                }

                _server.CountSent(_socket.BytesSent - before);
            }
        }
        catch (InvalidDataException e)
        {
            // A client that misbehaves only loses its own connection; the server keeps serving others.
            _server.Refuse(_peer, e.Message);
        }
        catch (RequestTimeoutException e)
        {
            _server.Refuse(_peer, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left.
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            // Anything else a request provoked is a decode error for this connection alone.
            _server.Refuse(_peer, $"undecodable request ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            DeleteHandedOut();
        }
    }

    /// <summary>Closes the socket so that a pending send or receive ends at once.</summary>
    public void Abort() => _socket.Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _socket.Dispose();
        DeleteHandedOut();
    }

    private void DeleteHandedOut()
    {
        lock (_handedOut)
        {
            foreach (var path in _handedOut)
            {
                SharedMemoryFiles.Delete(path);
            }

            _handedOut.Clear();
            _sharedMemoryBytes = 0;
        }
    }

    private async Task SendHelloAsync(CancellationToken cancellationToken)
    {
        var id = Encoding.UTF8.GetBytes(HostIdentity.Current ?? "");
        var slot = await _socket.ReserveAsync(10, cancellationToken).ConfigureAwait(false);
        BinaryPrimitives.WriteUInt32LittleEndian(slot.Span, WireProtocol.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(slot.Span[4..], WireProtocol.Version);
        BinaryPrimitives.WriteInt32LittleEndian(slot.Span[6..], id.Length);
        await _socket.WriteAsync(id, cancellationToken).ConfigureAwait(false);
        await _socket.WriteAsync(_nonce, cancellationToken).ConfigureAwait(false);
        await _socket.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the client's answer; replies with the verdict and this server's own answer (zeros when not proven).</summary>
    private async Task ProveSameUserAsync(CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_server.Limits.RequestTimeout);
        var cancellationToken = deadline.Token;
        try
        {
            await _socket.FillAsync(2 * SameUserProof.Size, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new RequestTimeoutException($"Data plane: the same-user proof did not arrive whole within {_server.Limits.RequestTimeout.TotalSeconds:0.###} s (DataPlaneLimits.RequestTimeout).");
        }

        byte[] theirs = _socket.Buffered[..SameUserProof.Size].ToArray();
        byte[] answer = _socket.Buffered[SameUserProof.Size..(2 * SameUserProof.Size)].ToArray();
        _socket.Consume(2 * SameUserProof.Size);
        byte[]? key = HostIdentity.Current is null ? null : SameUserProof.Key;
        _sameUser = key is not null && SameUserProof.Check(key, "client", _nonce, theirs, answer);
        var reply = await _socket.ReserveAsync(1 + SameUserProof.Size, cancellationToken).ConfigureAwait(false);
        reply.Span.Clear();
        reply.Span[0] = _sameUser ? (byte)1 : (byte)0;
        if (_sameUser)
        {
            SameUserProof.Answer(key!, "server", theirs, _nonce).CopyTo(reply.Span[1..]);
        }

        await _socket.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one fetch request after its op byte, within <see cref="DataPlaneLimits.RequestTimeout"/> and the size limits.</summary>
    private async Task<(byte Flags, string[] Keys)> ReadRequestAsync(CancellationToken stopping)
    {
        DataPlaneLimits limits = _server.Limits;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(limits.RequestTimeout);
        try
        {
            var flags = await _socket.ReadByteAsync(deadline.Token).ConfigureAwait(false);
            var count = await _socket.ReadInt32Async(deadline.Token).ConfigureAwait(false);
            if (count < 0 || count > limits.MaxKeysPerRequest)
            {
                throw new InvalidDataException($"Data plane: a request for {count} keys (DataPlaneLimits.MaxKeysPerRequest is {limits.MaxKeysPerRequest}).");
            }

            var keys = new string[count];
            var seen = count > 1 ? new HashSet<string>(count, StringComparer.Ordinal) : null;
            long bytes = 0;
            for (var i = 0; i < count; i++)
            {
                var key = await _socket.ReadStringAsync(deadline.Token).ConfigureAwait(false);
                bytes += 4 + Encoding.UTF8.GetByteCount(key);
                if (bytes > limits.MaxRequestBytes)
                {
                    throw new InvalidDataException($"Data plane: a request of more than {limits.MaxRequestBytes} bytes of keys (DataPlaneLimits.MaxRequestBytes).");
                }

                if (seen is not null && !seen.Add(key))
                {
                    // Each repetition would cost a copy of the value (one /dev/shm file each on the same host).
                    throw new InvalidDataException($"Data plane: a request names key {Hardening.WireChecks.Describe(key)} more than once.");
                }

                keys[i] = key;
            }

            return (flags, keys);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new RequestTimeoutException($"Data plane: the request did not arrive whole within {limits.RequestTimeout.TotalSeconds:0.###} s (DataPlaneLimits.RequestTimeout).");
        }
    }

    private async Task ServeFetchAsync(byte flags, string[] keys, CancellationToken cancellationToken)
    {
        var sameHost = !_sameUser ? SameHostPath.Socket
            : (flags & WireProtocol.FlagProcessMemory) != 0 ? SameHostPath.ProcessMemory
            : (flags & WireProtocol.FlagSharedMemory) != 0 ? SameHostPath.SharedMemoryFile
            : SameHostPath.Socket;
        foreach (var key in keys)
        {
            if (!_server.Store.TryGet(key, out var value))
            {
                (await _socket.ReserveAsync(1, cancellationToken).ConfigureAwait(false)).Span[0] = WireProtocol.Missing;
                continue;
            }

            try
            {
                await SendValueAsync(value, sameHost, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _server.Store.Return(key);
            }
        }
    }

    private async Task SendValueAsync(object? value, SameHostPath sameHost, CancellationToken cancellationToken)
    {
        using var array = NDArrayCodec.Prepare(value);
        if (array is null)
        {
            var bytes = _server.EncodeOther(value);
            var slot = await _socket.ReserveAsync(10, cancellationToken).ConfigureAwait(false);
            slot.Span[0] = WireProtocol.Found;
            slot.Span[1] = (byte)WireKind.Other;
            BinaryPrimitives.WriteInt64LittleEndian(slot.Span[2..], bytes.LongLength);
            await _socket.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendArrayAsync(array, sameHost, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendArrayAsync(OutgoingArray array, SameHostPath sameHost, CancellationToken cancellationToken)
    {
        if (sameHost == SameHostPath.SharedMemoryFile && _sharedMemoryBytes + array.NBytes > _server.Limits.MaxSharedMemoryBytesPerConnection)
        {
            sameHost = SameHostPath.Socket;
        }

        var kind = array.ConstantValue is not null ? WireKind.Constant
            : array.NBytes < _server.SameHostThreshold ? WireKind.Array
            : sameHost switch
            {
                SameHostPath.ProcessMemory => WireKind.ProcessMemoryArray,
                SameHostPath.SharedMemoryFile => WireKind.SharedMemoryArray,
                _ => WireKind.Array,
            };
        var headerLength = 4 + (8 * array.Shape.Length) + 8;
        var slot = await _socket.ReserveAsync(headerLength, cancellationToken).ConfigureAwait(false);
        var span = slot.Span;
        span[0] = WireProtocol.Found;
        span[1] = (byte)kind;
        span[2] = (byte)array.DType;
        span[3] = (byte)array.Shape.Length;
        for (var d = 0; d < array.Shape.Length; d++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[(4 + (8 * d))..], array.Shape[d]);
        }

        var tail = span[(4 + (8 * array.Shape.Length))..];
        switch (kind)
        {
            case WireKind.Constant:
                BinaryPrimitives.WriteInt64LittleEndian(tail, array.ConstantValue!.Length);
                await _socket.WriteAsync(array.ConstantValue, cancellationToken).ConfigureAwait(false);
                break;
            case WireKind.SharedMemoryArray:
                BinaryPrimitives.WriteInt64LittleEndian(tail, array.NBytes);
                _sharedMemoryBytes += array.NBytes;
                var path = SharedMemoryFiles.Write(array.Pointer, array.NBytes);
                lock (_handedOut)
                {
                    _handedOut.Add(path);
                }

                var pathBytes = Encoding.UTF8.GetBytes(path);
                BinaryPrimitives.WriteInt32LittleEndian((await _socket.ReserveAsync(4, cancellationToken).ConfigureAwait(false)).Span, pathBytes.Length);
                await _socket.WriteAsync(pathBytes, cancellationToken).ConfigureAwait(false);
                _server.CountSent(array.NBytes);
                break;
            case WireKind.ProcessMemoryArray:
                BinaryPrimitives.WriteInt64LittleEndian(tail, array.NBytes);
                var where = await _socket.ReserveAsync(12, cancellationToken).ConfigureAwait(false);
                BinaryPrimitives.WriteInt32LittleEndian(where.Span, Environment.ProcessId);
                BinaryPrimitives.WriteInt64LittleEndian(where.Span[4..], array.Pointer);
                await _socket.FlushAsync(cancellationToken).ConfigureAwait(false);

                // The array stays alive (the caller disposes it after this returns) until the client says it has copied.
                if (await _socket.ReadByteAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    _server.CountSent(array.NBytes);
                }
                else
                {
                    await _socket.WriteAsync(array.Pointer, array.NBytes, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(tail, array.NBytes);
                await _socket.WriteAsync(array.Pointer, array.NBytes, cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}

