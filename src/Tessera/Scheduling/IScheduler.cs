using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// Runs a <see cref="TaskGraph"/> and returns the results of the requested keys. Implementations: the local
/// <see cref="ThreadedScheduler"/> (the default) and <see cref="SynchronousScheduler"/>; a distributed client
/// can implement this and register itself with <see cref="Scheduler.Use"/> or <see cref="Scheduler.Global"/>.
/// </summary>
public interface IScheduler
{
    /// <summary>Computes <paramref name="outputs"/>; only the tasks they need run (the graph is culled).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="outputs">The keys wanted; may repeat.</param>
    /// <param name="cancellationToken">Cancels the computation; no new task starts once it is signalled.</param>
    /// <returns>The results, in the order of <paramref name="outputs"/>.</returns>
    /// <exception cref="TaskFailedException">A task threw (through the returned task).</exception>
    /// <exception cref="GraphValidationException">A key is missing or there is a cycle.</exception>
    Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether tasks run in this process and may write into objects the caller owns (a result
    /// buffer, say). Distributed schedulers return false: everything goes through task results.
    /// </summary>
    /// <value>Default true.</value>
    bool SharesMemory => true;
}
