namespace Tessera.Graphs;

/// <summary>The result of <see cref="TaskGraph.FuseLinear"/>.</summary>
/// <param name="Graph">The fused graph.</param>
/// <param name="FusedKeys">For each fused task's surviving key, the keys folded into it, in execution order.</param>
public sealed record FusionResult(TaskGraph Graph, IReadOnlyDictionary<Key, IReadOnlyList<Key>> FusedKeys);
