using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>The common pipeline of the local schedulers: cull and validate, optionally fuse, then order.</summary>
internal static class ExecutionPlan
{
    public static GraphRun Create(TaskGraph graph, IReadOnlyList<Key> outputs, bool fuse)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        CompiledGraph compiled = CompiledGraph.Build(graph, outputs);
        if (fuse)
        {
            compiled = compiled.Fuse() ?? compiled;
        }

        return new GraphRun(compiled, compiled.Order());
    }
}
