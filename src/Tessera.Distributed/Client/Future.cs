using System.Runtime.CompilerServices;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

/// <summary>
/// A task's result on the cluster, as Dask's <c>Future</c>: awaitable, with a status, its exception,
/// cancellation, and release when disposed (the cluster then forgets the result unless another
/// future or dependent holds it).
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class Future<T> : IDisposable
{
    private readonly Client _client;
    private readonly Task<SchedulerToClient> _outcome;
    private int _released;
    private int _disposed;

    internal Future(Client client, string key, Task<SchedulerToClient> outcome)
    {
        _client = client;
        WireKey = key;
        _outcome = outcome;
    }

    /// <summary>The task's key, e.g. <c>MyF-3f2a…</c>.</summary>
    public string Key => KeyCodec.Display(WireKey);

    internal string WireKey { get; }

    internal Client Client => _client;

    /// <summary>Pending, finished, error or cancelled.</summary>
    public FutureStatus Status => !_outcome.IsCompleted ? FutureStatus.Pending : _outcome.IsFaulted ? FutureStatus.Error : _client.LatestOutcome(WireKey, _outcome.Result).KindCase switch
    {
        SchedulerToClient.KindOneofCase.KeyInMemory => FutureStatus.Finished,
        SchedulerToClient.KindOneofCase.KeyErred => FutureStatus.Error,
        _ => FutureStatus.Cancelled,
    };

    /// <summary>True once the task finished, failed or was cancelled.</summary>
    public bool IsDone => _outcome.IsCompleted;

    /// <summary>The exception the task ended with, or null while pending or when it succeeded.</summary>
    public Exception? Exception => !_outcome.IsCompleted ? null : _outcome.IsFaulted ? _outcome.Exception!.InnerException : Describe(_client.LatestOutcome(WireKey, _outcome.Result));

    private Exception? Describe(SchedulerToClient outcome) => outcome.KindCase switch
    {
        SchedulerToClient.KindOneofCase.KeyErred => RemoteErrors.From(WireKey, outcome.KeyErred),
        SchedulerToClient.KindOneofCase.KeyCancelled => new OperationCanceledException($"Key {Key} was cancelled: {outcome.KeyCancelled.Reason}."),
        _ => null,
    };

    /// <summary>Waits for the task and brings its result to this process.</summary>
    /// <param name="cancellationToken">Cancels the wait (not the task).</param>
    /// <exception cref="RemoteTaskException">The task or a dependency raised on a worker.</exception>
    /// <exception cref="ScatteredDataLostException">It is, or depends on, a scattered value that was lost with its worker.</exception>
    public async Task<T> ResultAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        SchedulerToClient outcome = await _outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
        return (T)(await _client.ValueOfAsync(WireKey, outcome, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Waits for the task to end without fetching its value (no exception if it failed).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Status and Exception tell.
        }
    }

    /// <summary>
    /// This future as a delayed value, to build on it without bringing its result here:
    /// <c>Delayed.Call(f, future.AsDelayed())</c> computed by this future's client runs on the cluster
    /// and starts from the value the cluster holds. The delayed value keeps this future alive.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The future was disposed (its value may be gone).</exception>
    public Delayed<T> AsDelayed()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Delayed.FromKey<T>(KeyCodec.FromWire(WireKey), this);
    }

    /// <summary>Lets <c>await future</c> give the result.</summary>
    public TaskAwaiter<T> GetAwaiter() => ResultAsync().GetAwaiter();

    /// <summary>Cancels the task (and what only it needed) on the cluster and releases this future.</summary>
    public Task CancelAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _client.Drop([WireKey], cancel: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Releases the result on the cluster unless something else holds it.</summary>
    public void Dispose()
    {
        _disposed = 1;
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _client.Drop([WireKey]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Future: {Status.ToString().ToLowerInvariant()}, type: {typeof(T).Name}, key: {Key}>";
}
