namespace Tessera.Distributed.Hosting;

/// <summary>How the worker tells the scheduler why it goes, and whether it lost the scheduler.</summary>
public sealed partial class Worker
{
    /// <summary>How long a worker about to exit waits for its last message to reach the scheduler.</summary>
    private static readonly TimeSpan LastWordsTimeout = TimeSpan.FromSeconds(2);

    private Task? _pump;

    /// <summary>True when the worker stopped because its connection to the scheduler broke (not closed, retired or disposed).</summary>
    internal bool LostScheduler { get; private set; }

    /// <summary>
    /// Before the process exits on its own (past the memory terminate threshold): tells the scheduler why, and waits
    /// (at most 2 s) until the message and the end of the stream are written, so clients learn the reason instead of
    /// "connection lost". Blocks the caller: the process is about to end.
    /// </summary>
    private void SendLastWords(string reason)
    {
        _outbox.Send(new Protocol.WorkerMessage { Closing = new Protocol.WorkerClosing { Reason = reason, Failure = true } });
        _outbox.Complete();
        try
        {
            if (_pump is not null && _pump.Wait(LastWordsTimeout) && _call is not null)
            {
                _call.RequestStream.CompleteAsync().Wait(LastWordsTimeout);
            }
        }
        catch (AggregateException)
        {
            // The stream is already broken: the scheduler sees the connection drop instead.
        }
    }
}
