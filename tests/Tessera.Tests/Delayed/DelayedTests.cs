using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera.Tests.Delayed;

public class DelayedTests
{
    private static int s_calls;

    private static long MyF(int i) => i * 10L;

    private static long Add2(long a, int b) => a + b;

    private static string Eight(int a, long b, string c, double d, int e, long f, int g, bool h) => $"{a},{b},{c},{d},{e},{f},{g},{h}";

    private static List<long> Box(long x) => [x];

    private static int Counted(int x)
    {
        Interlocked.Increment(ref s_calls);
        return x;
    }

    [Fact]
    public void MethodGroups_Arity1()
    {
        Delayed<long> d = Tessera.Delayed.Call(MyF, 3);
        Assert.Equal(30L, d.Compute());
        Delayed<long> e = Tessera.Delayed.Call(MyF, Tessera.Delayed.Value(4));
        Assert.Equal(40L, e.Compute());
    }

    [Fact]
    public void MethodGroups_Arity2_MixingValuesAndDelayed()
    {
        Delayed<long> a = Tessera.Delayed.Call(MyF, 1);
        Assert.Equal(12L, Tessera.Delayed.Call(Add2, a, 2).Compute());
        Assert.Equal(7L, Tessera.Delayed.Call(Add2, 5L, Tessera.Delayed.Value(2)).Compute());
        Assert.Equal(20L, Tessera.Delayed.Call(Add2, a, Tessera.Delayed.Call(Counted, 10)).Compute());
    }

    [Fact]
    public void MethodGroups_Arity8_MixingValuesAndDelayed()
    {
        Delayed<string> s = Tessera.Delayed.Call(Eight, 1, Tessera.Delayed.Call(MyF, 2), "c", 1.5, Tessera.Delayed.Value(5), 6L, 7, Tessera.Delayed.Value(true));
        Assert.Equal("1,20,c,1.5,5,6,7,True", s.Compute());
        Delayed<string> plain = Tessera.Delayed.Call(Eight, 1, 2L, "c", 1.5, 5, 6L, 7, false);
        Assert.Equal("1,2,c,1.5,5,6,7,False", plain.Compute());
    }

    [Fact]
    public void Lambdas_AndArity0()
    {
        Delayed<int> x = Tessera.Delayed.Call(() => 21);
        Delayed<int> y = Tessera.Delayed.Call((int a, int b) => a * b, x, 2);
        Delayed<int> z = Tessera.Delayed.Call(a => a + 1, y);
        Assert.Equal(43, z.Compute());
        Assert.StartsWith("lambda-", z.Key.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void SameCall_SameKey_OneTask()
    {
        Delayed<long> a = Tessera.Delayed.Call(MyF, 3);
        Delayed<long> b = Tessera.Delayed.Call(MyF, 3);
        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, Tessera.Delayed.Call(MyF, 4).Key);
        Assert.NotEqual(a.Key, Tessera.Delayed.Call(Add2, 3L, 0).Key);
        int before = s_calls;
        Delayed<int> c1 = Tessera.Delayed.Call(Counted, 77);
        Delayed<int> c2 = Tessera.Delayed.Call(Counted, 77);
        Delayed<long> both = Tessera.Delayed.Call((int p, int q) => (long)p + q, c1, c2);
        Assert.Equal(2, both.Graph.Count);
        Assert.Equal(154L, both.Compute());
        Assert.Equal(before + 1, s_calls);
    }

    [Fact]
    public void ComputeAll_SharesTasks()
    {
        Delayed<long> a = Tessera.Delayed.Call(MyF, 5);
        Delayed<long> b = Tessera.Delayed.Call(Add2, a, 1);
        Delayed<long> c = Tessera.Delayed.Call(Add2, a, 2);
        Assert.Equal([50L, 51L, 52L], Tessera.Delayed.ComputeAll(a, b, c));
        Assert.Equal([51L, 52L], Tessera.Delayed.ComputeAll([b, c]));
        Assert.Equal(2, Tessera.Delayed.BuildGraph([b, c]).Count - 1);
    }

    [Fact]
    public void Collect_GathersValues()
    {
        Delayed<long[]> all = Tessera.Delayed.Collect(Enumerable.Range(0, 5).Select(i => Tessera.Delayed.Call(MyF, i)));
        Assert.Equal([0L, 10L, 20L, 30L, 40L], all.Compute());
    }

    [Fact]
    public async Task ComputeAsync_Works_AndHonoursAmbientScheduler()
    {
        Delayed<long> a = Tessera.Delayed.Call(MyF, 9);
        Assert.Equal(90L, await a.ComputeAsync());
        using (Scheduler.Use(new SynchronousScheduler()))
        {
            int thread = Environment.CurrentManagedThreadId;
            int ranOn = Tessera.Delayed.Call((int _) => Environment.CurrentManagedThreadId, 0).Compute();
            Assert.Equal(thread, ranOn);
        }
    }

    [Fact]
    public async Task Cancellation_Propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tessera.Delayed.Call(MyF, 1).ComputeAsync(cts.Token));
    }

    [Fact]
    public void Failure_NamesKey()
    {
        Delayed<int> bad = Tessera.Delayed.Call((int x) => x > 0 ? throw new ArgumentException("nope") : x, 1);
        var ex = Assert.Throws<TaskFailedException>(() => bad.Compute());
        Assert.Contains(bad.Key.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalFunction_KeyCarriesTheNameTheUserWrote()
    {
        static long MyF(int i) => i * 2L;
        var d = Tessera.Delayed.Call(MyF, 3);
        Assert.StartsWith("MyF-", d.Key.Name, StringComparison.Ordinal);
        Assert.Matches(@"^Delayed<Int64>\('MyF-[0-9a-f]{8}…'\)$", d.ToString());
        Assert.StartsWith("lambda-", Tessera.Delayed.Call((int i) => i + 1L, 3).Key.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_UsesCSharpGenericNotation_AndShortToken()
    {
        Delayed<List<long>> d = Tessera.Delayed.Call(Box, 1L);
        Assert.Matches(@"^Delayed<List<Int64>>\('Box-[0-9a-f]{8}…'\)$", d.ToString());
        Assert.Matches(@"^Delayed<Int32\[\]>\('Int32Array-[0-9a-f]{8}…'\)$", Tessera.Delayed.Value(new[] { 1 }).ToString());
        Assert.Equal(32, d.Key.Name.Length - "Box-".Length);
    }

    [Fact]
    public void Graph_ContainsOwnAndDependencyLayers()
    {
        Delayed<long> a = Tessera.Delayed.Call(MyF, 1);
        Delayed<long> b = Tessera.Delayed.Call(Add2, a, 1);
        Assert.Equal(2, b.Graph.LayerCount);
        Assert.Equal([a.Key], b.Graph.GetDependencies(b.Key));
        Assert.Same(a, Assert.Single(b.Dependencies));
        Assert.Equal(typeof(long), b.ResultType);
    }

    [Fact]
    public void FromGraph_WrapsAnExistingKey()
    {
        var g = new TaskGraph(new Layer("x", [TaskSpec.FromValue(new Key("x", 0), 41L)]));
        Delayed<long> x = Tessera.Delayed.FromGraph<long>(g, new Key("x", 0));
        Assert.Equal(42L, Tessera.Delayed.Call(Add2, x, 1).Compute());
        Assert.Throws<ArgumentException>(() => Tessera.Delayed.FromGraph<long>(g, new Key("y")));
    }
}
