using Tessera.Graphs;
using Tessera.Scheduling;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Scheduling;

public class ReleaseTests
{
    private static readonly TaskFunction Make = TaskFunction.Create((long v) => new Releasable(v), "make");
    private static readonly TaskFunction Add = TaskFunction.Create((Releasable a, Releasable b) => new Releasable(a.Value + b.Value), "add");
    private static readonly TaskFunction Same = TaskFunction.Create((Releasable a) => a, "same");

    private static object?[] Run(IScheduler s, TaskGraph g, params Key[] outputs) => s.ComputeAsync(g, outputs).GetAwaiter().GetResult();

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void Intermediates_ReleasedExactlyOnce_OutputsNever(string scheduler)
    {
        var made = new List<Releasable>();
        var track = TaskFunction.Create((long v) =>
        {
            var r = new Releasable(v);
            lock (made)
            {
                made.Add(r);
            }

            return r;
        }, "track");
        var tasks = new List<TaskSpec>();
        for (int i = 0; i < 8; i++)
        {
            tasks.Add(new TaskSpec(K("leaf", i), track, TaskArg.Literal((long)i)));
        }

        for (int i = 0; i < 4; i++)
        {
            tasks.Add(new TaskSpec(K("pair", i), Add, TaskArg.Ref(K("leaf", 2 * i)), TaskArg.Ref(K("leaf", (2 * i) + 1))));
        }

        tasks.Add(new TaskSpec(K("half", 0), Add, TaskArg.Ref(K("pair", 0)), TaskArg.Ref(K("pair", 1))));
        tasks.Add(new TaskSpec(K("half", 1), Add, TaskArg.Ref(K("pair", 2)), TaskArg.Ref(K("pair", 3))));
        tasks.Add(new TaskSpec(K("root"), Add, TaskArg.Ref(K("half", 0)), TaskArg.Ref(K("half", 1))));
        object?[] r = Run(SchedulerCases.Create(scheduler), Graph([.. tasks]), K("root"), K("half", 1));
        var root = (Releasable)r[0]!;
        var half1 = (Releasable)r[1]!;
        Assert.Equal(28, root.Value);
        Assert.Equal(0, root.Releases);
        Assert.Equal(0, half1.Releases);
        Assert.Equal(8, made.Count);
        Assert.All(made, m => Assert.Equal(1, m.Releases));
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void IdentityResult_IsNotReleasedWhileAnOutputHoldsIt(string scheduler)
    {
        // b returns the instance it received from a; only b is requested.
        TaskGraph g = Graph(new TaskSpec(K("a"), Make, TaskArg.Literal(5L)), new TaskSpec(K("b"), Same, TaskArg.Ref(K("a"))));
        var b = (Releasable)Run(SchedulerCases.Create(scheduler), g, K("b"))[0]!;
        Assert.Equal(0, b.Releases);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void SharedInstance_ReleasedOnceAfterLastHolder(string scheduler)
    {
        // a -> b (same instance) and a -> c; b and c feed d. The instance is released once, after d.
        TaskGraph g = Graph(
            new TaskSpec(K("a"), Make, TaskArg.Literal(2L)),
            new TaskSpec(K("b"), Same, TaskArg.Ref(K("a"))),
            new TaskSpec(K("c"), Same, TaskArg.Ref(K("a"))),
            new TaskSpec(K("d"), Add, TaskArg.Ref(K("b")), TaskArg.Ref(K("c"))));
        Releasable? seen = null;
        var peek = TaskFunction.Create((Releasable x) =>
        {
            seen = x;
            return x.Value;
        }, "peek");
        TaskGraph g2 = g.WithLayer(new Layer("peek", [new TaskSpec(K("e"), peek, TaskArg.Ref(K("a")))]));
        object?[] r = Run(SchedulerCases.Create(scheduler), g2, K("d"), K("e"));
        Assert.Equal(4L, ((Releasable)r[0]!).Value);
        Assert.Equal(1, seen!.Releases);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void FusedChain_ReleasesTemporariesOnce(string scheduler)
    {
        var made = new List<Releasable>();
        var copy = TaskFunction.Create((Releasable x) =>
        {
            var r = new Releasable(x.Value + 1);
            lock (made)
            {
                made.Add(r);
            }

            return r;
        }, "copy");
        TaskGraph g = Graph(
            new TaskSpec(K("a"), Make, TaskArg.Literal(0L)),
            new TaskSpec(K("b"), copy, TaskArg.Ref(K("a"))),
            new TaskSpec(K("c"), Same, TaskArg.Ref(K("b"))),
            new TaskSpec(K("d"), copy, TaskArg.Ref(K("c"))));
        var d = (Releasable)Run(SchedulerCases.Create(scheduler), g, K("d"))[0]!;
        Assert.Equal(2, d.Value);
        Assert.Equal(0, d.Releases);
        Assert.Equal(1, made[0].Releases);
    }

    [Theory]
    [MemberData(nameof(SchedulerCases.Names), MemberType = typeof(SchedulerCases))]
    public void LiteralInstances_AreNeverReleased(string scheduler)
    {
        var literal = new Releasable(7);
        TaskGraph g = Graph(TaskSpec.FromValue(K("a"), literal), new TaskSpec(K("b"), Add, TaskArg.Ref(K("a")), TaskArg.Literal(literal)));
        var b = (Releasable)Run(SchedulerCases.Create(scheduler), g, K("b"))[0]!;
        Assert.Equal(14, b.Value);
        Assert.Equal(0, literal.Releases);
    }

    [Fact]
    public void Failure_ReleasesHeldIntermediates()
    {
        var boom = TaskFunction.Create((Releasable x, long y) => y > 0 ? throw new InvalidOperationException("x") : x, "boom");
        Releasable? held = null;
        var spy = TaskFunction.Create((Releasable x) =>
        {
            held = x;
            return x;
        }, "spy");
        // a -> s (same instance) -> c (throws) and d; after the failure nobody will read s, so it is released once.
        TaskGraph g = Graph(new TaskSpec(K("a"), Make, TaskArg.Literal(1L)), new TaskSpec(K("s"), spy, TaskArg.Ref(K("a"))), new TaskSpec(K("c"), boom, TaskArg.Ref(K("s")), TaskArg.Literal(1L)), new TaskSpec(K("d"), Same, TaskArg.Ref(K("s"))));
        Assert.Throws<TaskFailedException>(() => Run(new SynchronousScheduler { Fuse = false }, g, K("c"), K("d")));
        Assert.Equal(1, held!.Releases);
    }

    [Fact]
    public void Facets_ReleasesEarly_KeepingFewResultsAlive()
    {
        int live = 0, maxLive = 0;
        var created = new List<Tracked>();
        Tracked New(long v)
        {
            var t = new Tracked(v, () => live--);
            created.Add(t);
            maxLive = Math.Max(maxLive, ++live);
            return t;
        }

        var make = TaskFunction.Create((long v) => New(v), "make");
        var slice = TaskFunction.Create((Tracked f) => New(f.Value), "slice");
        var add = TaskFunction.Create((Tracked a, Tracked b) => New(a.Value + b.Value), "add");
        var tasks = new List<TaskSpec>();
        for (int f = 0; f < 10; f++)
        {
            tasks.Add(new TaskSpec(K($"facet{f}"), make, TaskArg.Literal((long)f)));
            for (int s = 0; s < 4; s++)
            {
                tasks.Add(new TaskSpec(K($"slice{f}_{s}"), slice, TaskArg.Ref(K($"facet{f}"))));
            }
        }

        var outputs = new Key[4];
        for (int s = 0; s < 4; s++)
        {
            Key prev = K($"slice0_{s}");
            for (int f = 1; f < 10; f++)
            {
                tasks.Add(new TaskSpec(K($"add{f}_{s}"), add, TaskArg.Ref(prev), TaskArg.Ref(K($"slice{f}_{s}"))));
                prev = K($"add{f}_{s}");
            }

            outputs[s] = prev;
        }

        object?[] r = Run(new SynchronousScheduler(), Graph([.. tasks]), outputs);
        Assert.All(r, x => Assert.Equal(45, ((Tracked)x!).Value));
        Assert.Equal(4, live);
        Assert.True(maxLive <= 10, $"at most 10 results alive at once, saw {maxLive} of {created.Count}");
        Assert.All(created.Except(r.Cast<Tracked>()), t => Assert.Equal(1, t.Releases));
    }

    private sealed class Tracked(long value, Action onRelease) : IReleasableResult
    {
        public long Value { get; } = value;

        public int Releases { get; private set; }

        public void ReleaseResult()
        {
            Releases++;
            onRelease();
        }
    }
}
