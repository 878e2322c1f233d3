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
    /// Computes <paramref name="outputs"/> and hands each value to <paramref name="onValue"/> as soon as it is here, with
    /// the positions in <paramref name="outputs"/> it fills (a value that fills several, such as a key asked for twice,
    /// comes once with all of them), so the caller can place each value and let it go while the others are still
    /// computed or fetched. Calls come in any order, possibly at the same time from several threads; the returned task
    /// ends after the last one. The default computes everything with <see cref="ComputeAsync"/>, then hands each
    /// distinct value over once, in order.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="outputs">The keys wanted; may repeat.</param>
    /// <param name="onValue">Receives the positions a value fills and the value.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="TaskFailedException">A task threw (through the returned task).</exception>
    async Task ComputeEachAsync(TaskGraph graph, IReadOnlyList<Key> outputs, Action<IReadOnlyList<int>, object?> onValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onValue);
        object?[] values = await ComputeAsync(graph, outputs, cancellationToken).ConfigureAwait(false);
        foreach (var positions in Enumerable.Range(0, outputs.Count).GroupBy(i => values[i], ReferenceEqualityComparer.Instance))
        {
            int[] at = [.. positions];
            onValue(at, values[at[0]]);
        }
    }

    /// <summary>
    /// Whether tasks run in this process and may write into objects the caller owns (a result
    /// buffer, say). Distributed schedulers return false: everything goes through task results.
    /// </summary>
    /// <value>Default true.</value>
    bool SharesMemory => true;

    /// <summary>
    /// How many separate memories the tasks run in: one for a scheduler in this process, one per worker for a
    /// distributed client. Array lowering reads it to keep reductions local: a sum over a stacked axis folds in
    /// this many chains, one per worker, joined at the end, instead of one chain whose accumulator moves between them.
    /// </summary>
    /// <value>Default 1.</value>
    int MemorySpaces => 1;

    /// <summary>
    /// Computes <paramref name="outputs"/> and keeps their values where they were computed (Dask's
    /// <c>persist</c> on a distributed client): the returned handle holds them, and graphs built from
    /// <see cref="TaskSpec.External"/> tasks of its keys start from them. Schedulers that run in this
    /// process return null, and the caller computes the values and keeps them itself.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="outputs">The keys to keep; may repeat.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The held keys once all are computed, or null (the default) when values live in this process.</returns>
    /// <exception cref="Exception">A task failed (the scheduler's own exception type), through the returned task.</exception>
    Task<HeldKeys?> PersistAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default) =>
        Task.FromResult<HeldKeys?>(null);
}
