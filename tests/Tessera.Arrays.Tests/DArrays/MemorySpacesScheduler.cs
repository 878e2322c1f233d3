using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>A local scheduler that reports several memory spaces, as a distributed client with that many workers does, so lowering splits folds into chains.</summary>
internal sealed class MemorySpacesScheduler(IScheduler inner, int spaces) : IScheduler
{
    public int MemorySpaces => spaces;

    public bool SharesMemory => inner.SharesMemory;

    public Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default) =>
        inner.ComputeAsync(graph, outputs, cancellationToken);
}
