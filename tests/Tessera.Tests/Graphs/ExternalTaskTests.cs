using Tessera.Graphs;
using Tessera.Scheduling;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Graphs;

/// <summary>External tasks: values held elsewhere (a cluster's futures and persisted blocks).</summary>
public class ExternalTaskTests
{
    private static TaskSpec IncOf(string name, string dep) => new(K(name), Inc, TaskArg.Ref(K(dep)));

    [Fact]
    public void ExternalTask_IsNeverFusedIntoItsDependent()
    {
        var holder = new object();
        TaskGraph g = Graph(TaskSpec.External(K("a"), holder), IncOf("b", "a"), IncOf("c", "b"));
        FusionResult r = g.FuseLinear([K("c")]);
        Assert.True(r.Graph.Contains(K("a")));
        Assert.True(r.Graph[K("a")].IsExternal);
        Assert.Same(holder, r.Graph[K("a")].Args[0].Value);
        Assert.Equal([K("b")], r.FusedKeys[K("c")]);
        Assert.False(r.Graph[K("c")].IsExternal);
    }

    [Fact]
    public async Task LocalSchedulers_RefuseAnExternalTask_SayingWhereItsValueLives()
    {
        TaskGraph g = Graph(TaskSpec.External(K("a"), null), IncOf("b", "a"));
        foreach (IScheduler s in new IScheduler[] { new SynchronousScheduler(), new ThreadedScheduler() })
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => s.ComputeAsync(g, [K("b")]));
            Assert.Contains("lives on a cluster", e.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DelayedFromKey_IsOneExternalTaskUnderThatKey()
    {
        var key = new Key("held-0123456789abcdef");
        Delayed<long> d = Tessera.Delayed.FromKey<long>(key, "holder");
        Assert.Equal(key, d.Key);
        Assert.True(d.Graph[key].IsExternal);
        Delayed<long> next = Tessera.Delayed.Call(static (long x) => x + 1, d);
        Assert.True(next.Graph.Contains(key));
        await Assert.ThrowsAnyAsync<Exception>(() => next.ComputeAsync());
    }

    [Fact]
    public async Task DelayedPersist_OnALocalScheduler_KeepsTheValueUnderTheSameKey()
    {
        int runs = 0;
        Delayed<long> d = Tessera.Delayed.Call(x => { Interlocked.Increment(ref runs); return x * 2; }, 21L);
        Delayed<long> persisted = await d.PersistAsync();
        Assert.Equal(d.Key, persisted.Key);
        Assert.Equal(1, runs);
        Assert.Equal(43L, await Tessera.Delayed.Call(static (long x) => x + 1, persisted).ComputeAsync());
        Assert.Equal(42L, await persisted.ComputeAsync());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task LocalSchedulers_PersistNothingThemselves()
    {
        TaskGraph g = Graph(Lit("a", 1));
        Assert.Null(await ((IScheduler)new SynchronousScheduler()).PersistAsync(g, [K("a")]));
    }
}
