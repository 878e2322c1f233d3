using Tessera.Graphs;
using Tessera.Scheduling;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Graphs;

public class FusionTests
{
    private static object? Compute(IScheduler s, TaskGraph g, Key key) => s.ComputeAsync(g, [key]).GetAwaiter().GetResult()[0];

    private static TaskSpec IncOf(string name, string dep) => new(K(name), Inc, TaskArg.Ref(K(dep)));

    [Fact]
    public void Chain_FusesIntoLastKey()
    {
        TaskGraph g = Graph(Lit("a", 1), IncOf("b", "a"), IncOf("c", "b"), IncOf("d", "c"));
        FusionResult r = g.FuseLinear([K("d")]);
        Assert.Equal(1, r.Graph.Count);
        Assert.True(r.Graph.Contains(K("d")));
        Assert.Equal([K("a"), K("b"), K("c")], r.FusedKeys[K("d")]);
        Assert.Equal(4L, Compute(new SynchronousScheduler { Fuse = false }, r.Graph, K("d")));
    }

    [Fact]
    public void RequestedKeys_AreNotFusedAway()
    {
        TaskGraph g = Graph(Lit("a", 1), IncOf("b", "a"), IncOf("c", "b"));
        FusionResult r = g.FuseLinear([K("b"), K("c")]);
        Assert.True(r.Graph.Contains(K("b")));
        Assert.True(r.Graph.Contains(K("c")));
        Assert.Equal([K("a")], r.FusedKeys[K("b")]);
    }

    [Fact]
    public void SharedOrMultiInput_IsNotFused()
    {
        // a feeds b and c (two dependents); d has two dependencies.
        TaskGraph g = Graph(Lit("a", 1), IncOf("b", "a"), IncOf("c", "a"), T("d", "b", "c"));
        FusionResult r = g.FuseLinear([K("d")]);
        Assert.Equal(4, r.Graph.Count);
        Assert.Empty(r.FusedKeys);
    }

    [Fact]
    public void DoubleReference_IsNotFused()
    {
        TaskGraph g = Graph(Lit("a", 1), T("b", "a", "a"));
        Assert.Equal(2, g.FuseLinear([K("b")]).Graph.Count);
    }

    [Fact]
    public void FusedBranches_ComputeCorrectly()
    {
        TaskGraph g = Graph(Lit("a", 1), IncOf("b", "a"), IncOf("c", "b"), Lit("x", 10), IncOf("y", "x"), T("out", "c", "y"));
        FusionResult r = g.FuseLinear([K("out")]);
        Assert.Equal(3, r.Graph.Count);
        Assert.Equal(14L, Compute(new ThreadedScheduler(2), g, K("out")));
        Assert.Equal(14L, Compute(new ThreadedScheduler(2) { Fuse = false }, g, K("out")));
    }

    [Fact]
    public void LongChains_AreCutIntoBoundedPieces()
    {
        var tasks = new List<TaskSpec> { Lit("c0", 0) };
        for (int i = 1; i < 10_000; i++)
        {
            tasks.Add(IncOf($"c{i}", $"c{i - 1}"));
        }

        TaskGraph g = Graph([.. tasks]);
        FusionResult r = g.FuseLinear([K("c9999")]);
        Assert.Equal(10_000 / 32 + 1, r.Graph.Count);
        Assert.All(r.FusedKeys.Values, v => Assert.True(v.Count < 32));
        Assert.Equal(9999L, Compute(new ThreadedScheduler(2), g, K("c9999")));
    }
}
