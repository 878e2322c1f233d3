using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// A connected socket with small staging buffers for headers and direct, MB-sized reads and writes for payloads:
/// array bytes go from the sender's native memory to the receiver's destination buffer with no managed copy.
/// Not thread-safe: one request at a time per connection.
/// </summary>
internal sealed class FramedSocket : IDisposable
{
    /// <summary>Default largest single send/receive call (4 MiB): large enough to amortise syscalls, small enough to interleave.</summary>
    public const int DefaultMaxIo = 4 << 20;

    private const int BufferSize = 64 << 10;

    private readonly byte[] _read = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private readonly byte[] _write = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private SslStream? _tls;
    private int _readStart;
    private int _readEnd;
    private int _written;

    /// <summary>Wraps a connected socket and tunes it for bulk transfer.</summary>
    public FramedSocket(Socket socket, int maxIo = DefaultMaxIo)
    {
        Socket = socket;
        MaxIo = maxIo;
        socket.NoDelay = true;
        socket.SendBufferSize = 4 << 20;
        socket.ReceiveBufferSize = 4 << 20;
    }

    /// <summary>The socket.</summary>
    public Socket Socket { get; }

    /// <summary>Whether the connection runs over TLS (see <see cref="Secure"/>).</summary>
    public bool IsSecure => _tls is not null;

    /// <summary>Largest single socket call for payloads (injectable so tests can exercise many-piece transfers).</summary>
    public int MaxIo { get; }

    /// <summary>Bytes sent so far.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>The buffered, not yet consumed bytes (valid after <see cref="FillAsync"/>).</summary>
    public ReadOnlySpan<byte> Buffered => _read.AsSpan(_readStart, _readEnd - _readStart);

    /// <summary>Marks <paramref name="count"/> buffered bytes as consumed.</summary>
    public void Consume(int count) => _readStart += count;

    /// <summary>Makes at least <paramref name="count"/> (≤ 64 KiB) bytes available in <see cref="Buffered"/>.</summary>
    /// <exception cref="EndOfStreamException">The peer closed the connection first.</exception>
    public async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_readEnd - _readStart >= count)
        {
            return;
        }

        if (count > BufferSize)
        {
            throw new InvalidDataException($"Data plane: a header of {count} bytes exceeds {BufferSize}.");
        }

        Buffer.BlockCopy(_read, _readStart, _read, 0, _readEnd - _readStart);
        _readEnd -= _readStart;
        _readStart = 0;
        while (_readEnd < count)
        {
            var n = await ReceiveAsync(_read.AsMemory(_readEnd), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new EndOfStreamException("the peer closed the connection");
            }

            _readEnd += n;
            BytesReceived += n;
        }
    }

    /// <summary>Reads a 32-bit little-endian integer.</summary>
    public async ValueTask<int> ReadInt32Async(CancellationToken cancellationToken)
    {
        await FillAsync(4, cancellationToken).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadInt32LittleEndian(Buffered);
        Consume(4);
        return value;
    }

    /// <summary>Reads a 64-bit little-endian integer.</summary>
    public async ValueTask<long> ReadInt64Async(CancellationToken cancellationToken)
    {
        await FillAsync(8, cancellationToken).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadInt64LittleEndian(Buffered);
        Consume(8);
        return value;
    }

    /// <summary>Reads one byte.</summary>
    public async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        await FillAsync(1, cancellationToken).ConfigureAwait(false);
        var value = Buffered[0];
        Consume(1);
        return value;
    }

    /// <summary>Reads a length-prefixed (int32) UTF-8 string of at most 64 KiB.</summary>
    public async ValueTask<string> ReadStringAsync(CancellationToken cancellationToken)
    {
        var length = await ReadInt32Async(cancellationToken).ConfigureAwait(false);
        if (length is < 0 or > BufferSize)
        {
            throw new InvalidDataException($"Data plane: bad string length {length}.");
        }

        await FillAsync(length, cancellationToken).ConfigureAwait(false);
        var value = System.Text.Encoding.UTF8.GetString(Buffered[..length]);
        Consume(length);
        return value;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes into native memory at <paramref name="destination"/>.</summary>
    public async ValueTask ReadExactAsync(nint destination, long length, CancellationToken cancellationToken)
    {
        long done = Math.Min(length, _readEnd - _readStart);
        _read.AsSpan(_readStart, (int)done).CopyTo(NativeMemoryManager.Span(destination, (int)done));
        _readStart += (int)done;
        while (done < length)
        {
            var piece = (int)Math.Min(MaxIo, length - done);
            using var window = new NativeMemoryManager(destination + (nint)done, piece);
            var n = await ReceiveAsync(window.Memory, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new EndOfStreamException($"the peer closed the connection after {done} of {length} bytes");
            }

            done += n;
            BytesReceived += n;
        }
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes into a managed buffer.</summary>
    public async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var done = Math.Min(destination.Length, _readEnd - _readStart);
        _read.AsSpan(_readStart, done).CopyTo(destination.Span);
        _readStart += done;
        while (done < destination.Length)
        {
            var n = await ReceiveAsync(destination[done..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new EndOfStreamException("the peer closed the connection");
            }

            done += n;
            BytesReceived += n;
        }
    }

    /// <summary>Reserves <paramref name="count"/> (≤ 64 KiB) bytes in the write buffer, flushing first if needed.</summary>
    public async ValueTask<Memory<byte>> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        if (_written + count > BufferSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var slot = _write.AsMemory(_written, count);
        _written += count;
        return slot;
    }

    /// <summary>Writes native bytes: small ones are staged with the headers, large ones go straight from their memory.</summary>
    public async ValueTask WriteAsync(nint source, long length, CancellationToken cancellationToken)
    {
        if (length <= BufferSize - _written)
        {
            NativeMemoryManager.Span(source, (int)length).CopyTo(_write.AsSpan(_written));
            _written += (int)length;
            return;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        for (long done = 0; done < length;)
        {
            var piece = (int)Math.Min(MaxIo, length - done);
            using var window = new NativeMemoryManager(source + (nint)done, piece);
            var n = await SendAsync(window.Memory, cancellationToken).ConfigureAwait(false);
            done += n;
            BytesSent += n;
        }
    }

    /// <summary>Writes managed bytes (staged when small, else sent directly).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        if (source.Length <= BufferSize - _written)
        {
            source.Span.CopyTo(_write.AsSpan(_written));
            _written += source.Length;
            return;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (!source.IsEmpty)
        {
            var n = await SendAsync(source[..Math.Min(MaxIo, source.Length)], cancellationToken).ConfigureAwait(false);
            source = source[n..];
            BytesSent += n;
        }
    }

    /// <summary>Sends the staged bytes.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var pending = _write.AsMemory(0, _written);
        _written = 0;
        while (!pending.IsEmpty)
        {
            var n = await SendAsync(pending, cancellationToken).ConfigureAwait(false);
            pending = pending[n..];
            BytesSent += n;
        }

        if (_tls is not null)
        {
            // Records buffered under TLS go out now.
            await _tls.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>From now on every byte goes through <paramref name="tls"/>, authenticated over this socket before any other I/O.</summary>
    public void Secure(SslStream tls) => _tls = tls;

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        _tls?.Dispose();
        Socket.Dispose();
    }

    private ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _tls is null ? Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) : _tls.ReadAsync(buffer, cancellationToken);

    private async ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_tls is null)
        {
            return await Socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        await _tls.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.Length;
    }
}
