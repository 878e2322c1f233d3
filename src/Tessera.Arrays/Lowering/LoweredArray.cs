using Tessera.Arrays.Expressions;

namespace Tessera.Arrays.Lowering;

/// <summary>An expression lowered to a task graph, with the keys of its blocks and the bytes each task produces.</summary>
internal sealed record LoweredArray(Expr Expr, TaskGraph Graph, BlockKeys Blocks, IReadOnlyDictionary<Key, long> BytesOfKey)
{
    /// <summary>The bytes produced by the tasks still in the graph (what a computation touches).</summary>
    public long BytesTouched => Graph.Keys.Sum(k => BytesOfKey.GetValueOrDefault(k));

    /// <summary>The bytes produced by the tasks of layers whose name starts with <paramref name="prefix"/>.</summary>
    public long BytesTouchedBy(string prefix) =>
        Graph.Layers.Where(l => l.Name.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(l => l.Tasks).Sum(t => BytesOfKey.GetValueOrDefault(t.Key));
}
