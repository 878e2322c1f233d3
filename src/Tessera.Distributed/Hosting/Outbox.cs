using System.Diagnostics;
using System.Threading.Channels;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// An unbounded queue drained by one writer that sends whatever is queued as one batch. Under load
/// (the last batch went out less than <see cref="Coalesce"/> ago) the writer waits that long before
/// draining, so thousands of tiny messages become a few batches; an idle outbox sends at once.
/// </summary>
internal class Outbox<T>
{
    /// <summary>How long a busy writer waits to gather more messages.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(1);

    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private long _lastSend;

    public ChannelReader<T> Reader => _channel.Reader;

    public void Send(T message) => _channel.Writer.TryWrite(message);

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Waits for messages and moves up to <paramref name="max"/> of them into <paramref name="batch"/>; false when completed.</summary>
    public async ValueTask<bool> ReadBatchAsync(List<T> batch, int max, CancellationToken ct)
    {
        batch.Clear();
        if (!await _channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            return false;
        }

        if (Stopwatch.GetElapsedTime(_lastSend) < Coalesce)
        {
            await Task.Delay(Coalesce, ct).ConfigureAwait(false);
        }

        while (batch.Count < max && _channel.Reader.TryRead(out T? m))
        {
            batch.Add(m);
        }

        _lastSend = Stopwatch.GetTimestamp();
        return true;
    }
}
