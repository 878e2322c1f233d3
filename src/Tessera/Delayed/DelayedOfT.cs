using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera;

/// <summary>A lazy value of type <typeparamref name="T"/>; see <see cref="Delayed"/>.</summary>
/// <typeparam name="T">The type of the computed value.</typeparam>
public sealed class Delayed<T> : Delayed
{
    internal Delayed(Layer[] layers, Key key, Delayed[] dependencies)
        : base(layers, key, dependencies)
    {
    }

    /// <inheritdoc/>
    public override Type ResultType => typeof(T);

    /// <summary>Computes the value with <see cref="Scheduling.Scheduler.Default"/>, blocking until done.</summary>
    /// <exception cref="Scheduling.TaskFailedException">A task threw; the message names its key.</exception>
    public T Compute() => (T)ComputeAllAsync([this]).GetAwaiter().GetResult()[0]!;

    /// <summary>Computes the value with <see cref="Scheduling.Scheduler.Default"/>.</summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public async Task<T> ComputeAsync(CancellationToken cancellationToken = default)
    {
        object?[] r = await ComputeAllAsync([this], cancellationToken).ConfigureAwait(false);
        return (T)r[0]!;
    }

    /// <summary>
    /// Computes the value and keeps it (Dask's <c>persist</c>): on a distributed client it stays on the
    /// cluster and the returned value refers to it; on a local scheduler it is held in this process.
    /// Either way, graphs built on the result start from the computed value, under the same key.
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="TaskFailedException">A task threw (local schedulers; a distributed client throws its own remote exception).</exception>
    public async Task<Delayed<T>> PersistAsync(CancellationToken cancellationToken = default)
    {
        HeldKeys? held = await Scheduler.Default.PersistAsync(Graph, [Key], cancellationToken).ConfigureAwait(false);
        if (held is not null)
        {
            return FromKey<T>(Key, held);
        }

        T value = await ComputeAsync(cancellationToken).ConfigureAwait(false);
        return new Delayed<T>([new Layer(Key.Name, [TaskSpec.FromValue(Key, value)])], Key, []);
    }

    /// <summary>Like Dask: <c>Delayed&lt;NDArray&lt;Int64&gt;&gt;('MyF-3f2a1b2c…')</c> (C# generic notation, shortened token).</summary>
    public override string ToString() => $"Delayed<{TypeNames.Format(typeof(T))}>('{ShortKey(Key)}')";

    private static string ShortKey(Key key)
    {
        string name = key.Name;
        int dash = name.LastIndexOf('-');
        string shortName = dash >= 0 && name.Length - dash - 1 > 8 ? name[..(dash + 9)] + "…" : name;
        return key.Rank == 0 ? shortName : key.ToString().Replace(name, shortName, StringComparison.Ordinal);
    }
}
