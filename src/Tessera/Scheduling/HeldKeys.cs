using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// Values a scheduler keeps on its workers for the caller (<see cref="IScheduler.PersistAsync"/>): while
/// this handle is alive its keys stay computed; disposing it (or losing it to the garbage collector)
/// lets the scheduler forget them unless something else holds them.
/// </summary>
public abstract class HeldKeys : IDisposable
{
    /// <summary>Creates a handle for <paramref name="keys"/>.</summary>
    /// <param name="owner">The scheduler holding the values.</param>
    /// <param name="keys">The keys, in the order they were asked for.</param>
    protected HeldKeys(IScheduler owner, IReadOnlyList<Key> keys)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(keys);
        Owner = owner;
        Keys = keys;
    }

    /// <summary>The scheduler (a distributed client) that holds the values; only it can compute graphs that use them.</summary>
    public IScheduler Owner { get; }

    /// <summary>The keys held, in the order they were asked for.</summary>
    public IReadOnlyList<Key> Keys { get; }

    /// <summary>Releases the values.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the values; called once by <see cref="Dispose()"/> or by the finalizer.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>, false from the finalizer (touch no other managed object that may be finalized).</param>
    protected abstract void Dispose(bool disposing);
}
