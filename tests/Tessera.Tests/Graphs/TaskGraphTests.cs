using Tessera.Graphs;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Graphs;

public class TaskGraphTests
{
    [Fact]
    public void Counts_Lookup_DependenciesAndDependents()
    {
        var l1 = new Layer("a", [Lit("a1", 1), Lit("a2", 2)]);
        var l2 = new Layer("b", [T("b", "a1", "a2", "a1")], ["a"], annotation: "meta");
        var g = new TaskGraph([l1, l2]);
        Assert.Equal(3, g.Count);
        Assert.Equal(2, g.LayerCount);
        Assert.Equal([K("a1"), K("a2")], g.GetDependencies(K("b")));
        Assert.Equal([K("b")], g.GetDependents(K("a1")));
        Assert.Empty(g.GetDependents(K("b")));
        Assert.True(g.Contains(K("a2")));
        Assert.False(g.TryGetTask(K("zz"), out _));
        Assert.Equal("meta", g.GetLayer("b")!.Annotation);
        Assert.Throws<KeyNotFoundException>(() => g[K("zz")]);
    }

    [Fact]
    public void Merge_DeduplicatesLayersAndKeys()
    {
        var g1 = new TaskGraph(new Layer("a", [Lit("x", 1)]));
        var g2 = new TaskGraph([new Layer("a", [Lit("x", 1)]), new Layer("b", [Lit("x", 1), Lit("y", 2)])]);
        TaskGraph m = TaskGraph.Merge(g1, g2);
        Assert.Equal(2, m.LayerCount);
        Assert.Equal(2, m.Count);
    }

    [Fact]
    public void Cull_KeepsOnlyReachable()
    {
        var g = new TaskGraph([
            new Layer("roots", [Lit("a", 1), Lit("b", 2), Lit("c", 3)]),
            new Layer("mid", [T("ab", "a", "b"), T("bc", "b", "c")], ["roots"]),
            new Layer("other", [T("cc", "c")], ["roots"]),
        ]);
        TaskGraph culled = g.Cull([K("ab")]);
        Assert.Equal(3, culled.Count);
        Assert.Equal(["a", "ab", "b"], culled.Keys.Select(k => k.Name).Order());
        Assert.Equal(2, culled.LayerCount);
        Assert.Equal(["roots"], culled.GetLayer("mid")!.Dependencies);
        Assert.Same(g, g.Cull([K("ab"), K("bc"), K("cc")]));
    }

    [Fact]
    public void Cull_IsFastOnLargeGraphs()
    {
        const int n = 100_000;
        var roots = Enumerable.Range(0, n).Select(i => TaskSpec.FromValue(K("r", i), (long)i));
        var sums = Enumerable.Range(0, n / 2).Select(i => new TaskSpec(K("s", i), Sum, TaskArg.Ref(K("r", 2 * i)), TaskArg.Ref(K("r", (2 * i) + 1))));
        var g = new TaskGraph([new Layer("r", roots), new Layer("s", sums, ["r"])]);
        TaskGraph culled = g.Cull([K("s", 7)]);
        Assert.Equal(3, culled.Count);
        Assert.Equal(3, g.Order([K("s", 7)]).Count);
    }

    [Fact]
    public void MissingKey_IsNamed()
    {
        TaskGraph g = Graph(Lit("a", 1), T("b", "a", "ghost"));
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needed by b", ex.Message, StringComparison.Ordinal);
        Assert.Equal([K("ghost")], ex.Keys);
        Assert.False(ex.IsCycle);
        var ex2 = Assert.Throws<GraphValidationException>(() => g.Cull([K("nope")]));
        Assert.Contains("nope", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_IsNamedWithPath()
    {
        TaskGraph g = Graph(Lit("root", 1), T("a", "root", "c"), T("b", "a"), T("c", "b"), T("out", "c"));
        var ex = Assert.Throws<GraphValidationException>(g.Validate);
        Assert.True(ex.IsCycle);
        Assert.Equal(4, ex.Keys.Count);
        Assert.Equal(ex.Keys[0], ex.Keys[^1]);
        Assert.Equal(["a", "b", "c"], ex.Keys.Take(3).Select(k => k.Name).Order());
        Assert.Contains(" -> ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<GraphValidationException>(() => g.Order([K("out")]));
    }

    [Fact]
    public void SelfCycle_IsDetected()
    {
        var ex = Assert.Throws<GraphValidationException>(() => Graph(T("a", "a")).Validate());
        Assert.Equal([K("a"), K("a")], ex.Keys);
    }
}
