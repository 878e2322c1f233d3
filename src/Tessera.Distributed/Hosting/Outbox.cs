using System.Threading.Channels;

namespace Tessera.Distributed.Hosting;

/// <summary>An unbounded queue drained by one writer task that sends whatever is queued as one batch.</summary>
internal class Outbox<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<T> Reader => _channel.Reader;

    public void Send(T message) => _channel.Writer.TryWrite(message);

    public void Complete() => _channel.Writer.TryComplete();
}
