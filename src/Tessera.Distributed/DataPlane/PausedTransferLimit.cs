namespace Tessera.Distributed.DataPlane;

/// <summary>
/// While its worker is paused for memory, a data server sends one transfer at a time (Dask lowers a paused worker's
/// outgoing connections to one): it still serves, since work may depend on the only copies it holds, but slowly
/// enough that peers prefer other holders and its memory is not raised by many sends at once. Thread-safe.
/// </summary>
internal sealed class PausedTransferLimit : IDisposable
{
    private readonly SemaphoreSlim _slot = new(1, 1);
    private bool _paused;

    /// <summary>Whether transfers are limited to one at a time.</summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused);
        set => Volatile.Write(ref _paused, value);
    }

    /// <summary>
    /// Waits for the slot while paused, and returns a lease to dispose when the transfer is sent; not paused, returns
    /// at once (a transfer already holding the slot finishes first only if the server is paused again).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!Paused)
        {
            return default;
        }

        await _slot.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_slot);
    }

    /// <inheritdoc/>
    public void Dispose() => _slot.Dispose();

    /// <summary>A held slot (or none); disposing releases it.</summary>
    internal readonly struct Lease(SemaphoreSlim? slot) : IDisposable
    {
        /// <summary>Whether this lease holds the slot.</summary>
        public bool Held => slot is not null;

        /// <inheritdoc/>
        public void Dispose() => slot?.Release();
    }
}
