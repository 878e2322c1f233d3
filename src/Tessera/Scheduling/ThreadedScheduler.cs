using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// The default local scheduler: runs ready tasks by priority (memory-friendly order) on dedicated worker
/// threads and releases each intermediate <see cref="IReleasableResult"/> as soon as its last dependent has run.
/// </summary>
public sealed class ThreadedScheduler : IScheduler
{
    /// <summary>Creates a scheduler.</summary>
    /// <param name="maxDegreeOfParallelism">Worker threads per computation; default (null) <see cref="Environment.ProcessorCount"/>.</param>
    public ThreadedScheduler(int? maxDegreeOfParallelism = null)
    {
        if (maxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Must be at least 1.");
        }

        MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount;
    }

    /// <summary>The number of worker threads started per computation (at most one per task); default <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Whether linear chains are fused before running; default <see langword="true"/>.</summary>
    public bool Fuse { get; init; } = true;

    /// <inheritdoc/>
    public Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default)
    {
        GraphRun run = ExecutionPlan.Create(graph, outputs, Fuse);
        return run.Start(MaxDegreeOfParallelism, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ThreadedScheduler(MaxDegreeOfParallelism={MaxDegreeOfParallelism})";
}
