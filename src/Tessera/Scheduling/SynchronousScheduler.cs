using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// Runs every task on the calling thread, one at a time, in priority order; for debugging and tests.
/// The returned task is already complete when <see cref="ComputeAsync"/> returns.
/// </summary>
public sealed class SynchronousScheduler : IScheduler
{
    /// <summary>Whether linear chains are fused before running; default <see langword="true"/>.</summary>
    public bool Fuse { get; init; } = true;

    /// <inheritdoc/>
    public Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default)
    {
        GraphRun run = ExecutionPlan.Create(graph, outputs, Fuse);
        return run.RunInline(cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => "SynchronousScheduler";
}
