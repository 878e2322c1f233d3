using System.Net.Sockets;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// The socket under a data-plane <see cref="System.Net.Security.SslStream"/>. TLS records are at most 16 KiB; without
/// help each would be one send and one receive call. This stream receives by the megabyte and, once
/// <see cref="Coalesce"/> is on (after the handshake, whose messages must go out as written), gathers records into
/// megabyte sends until flushed.
/// </summary>
internal sealed class TlsTransportStream : Stream
{
    private const int BufferSize = 1 << 20;

    private readonly Socket _socket;
    private readonly byte[] _read = GC.AllocateUninitializedArray<byte>(BufferSize);
    private readonly byte[] _write = GC.AllocateUninitializedArray<byte>(BufferSize);
    private int _readStart;
    private int _readEnd;
    private int _written;

    public TlsTransportStream(Socket socket) => _socket = socket;

    /// <summary>Whether writes are gathered until <see cref="FlushAsync(CancellationToken)"/> (off during the handshake).</summary>
    public bool Coalesce { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            // A zero-byte read waits for data without taking any (and must not report the end of the stream).
            if (_readStart == _readEnd)
            {
                await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }

        if (_readStart == _readEnd)
        {
            if (buffer.Length >= BufferSize)
            {
                return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            _readStart = 0;
            _readEnd = await _socket.ReceiveAsync(_read, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        int n = Math.Min(buffer.Length, _readEnd - _readStart);
        _read.AsSpan(_readStart, n).CopyTo(buffer.Span);
        _readStart += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Coalesce)
        {
            await SendAllAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, BufferSize - _written);
            buffer.Span[..n].CopyTo(_write.AsSpan(_written));
            _written += n;
            buffer = buffer[n..];
            if (_written == BufferSize)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        int n = _written;
        _written = 0;
        await SendAllAsync(_write.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int n = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[n..];
        }
    }
}
