using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// The ambient scheduler used by <c>Compute</c> calls: <see cref="Default"/> is the scheduler set with
/// <see cref="Use"/> in the current async flow, else <see cref="Global"/> (a <see cref="ThreadedScheduler"/>
/// unless replaced). A distributed client registers itself here so that existing code runs remotely unchanged.
/// </summary>
public static class Scheduler
{
    private static readonly AsyncLocal<IScheduler?> Ambient = new();
    private static IScheduler s_global = new ThreadedScheduler();

    /// <summary>The process-wide scheduler used when no ambient one is set; default a <see cref="ThreadedScheduler"/>.</summary>
    public static IScheduler Global
    {
        get => Volatile.Read(ref s_global);
        set => Volatile.Write(ref s_global, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The scheduler in effect: the ambient one from <see cref="Use"/>, else <see cref="Global"/>.</summary>
    public static IScheduler Default => Ambient.Value ?? Global;

    /// <summary>
    /// Makes <paramref name="scheduler"/> the default for the current async flow until the returned scope is
    /// disposed (<c>using (Scheduler.Use(new SynchronousScheduler())) { ... }</c>). Scopes nest.
    /// </summary>
    /// <param name="scheduler">The scheduler to use.</param>
    public static IDisposable Use(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        IScheduler? previous = Ambient.Value;
        Ambient.Value = scheduler;
        return new Scope(previous);
    }

    /// <summary>Computes <paramref name="outputs"/> with <see cref="Default"/>, blocking until done.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="outputs">The keys wanted.</param>
    /// <returns>The results, in the order of <paramref name="outputs"/>.</returns>
    public static object?[] Compute(TaskGraph graph, IReadOnlyList<Key> outputs) =>
        Default.ComputeAsync(graph, outputs, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Computes <paramref name="outputs"/> with <see cref="Default"/>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="outputs">The keys wanted.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public static Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default) =>
        Default.ComputeAsync(graph, outputs, cancellationToken);

    private sealed class Scope(IScheduler? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
