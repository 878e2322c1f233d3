using FsCheck.Xunit;
using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera.Tests.Graphs;

public class RandomDagProperties
{
    private static readonly TaskFunction SumPlus = TaskFunction.Create((object?[] deps, long own) =>
    {
        long s = own;
        foreach (object? d in deps)
        {
            s += (long)d!;
        }

        return s;
    }, "sumplus");

    /// <summary>A random DAG: task i adds its own index to a random subset of earlier tasks' results.</summary>
    private static (TaskGraph Graph, long[] Expected) RandomDag(int seed, int n)
    {
        var rng = new Random(seed);
        var tasks = new TaskSpec[n];
        var expected = new long[n];
        for (int i = 0; i < n; i++)
        {
            int[] deps = [.. Enumerable.Range(0, i).Where(_ => rng.NextDouble() < 2.0 / (i + 1))];
            tasks[i] = new TaskSpec(new Key("t", i), SumPlus, TaskArg.List(deps.Select(d => new Key("t", d))), TaskArg.Literal((long)i));
            expected[i] = i + deps.Sum(d => expected[d]);
        }

        // Shuffle so that layer order is not a topological order.
        rng.Shuffle(tasks);
        return (new TaskGraph(new Layer("t", tasks)), expected);
    }

    [Property(MaxTest = 60)]
    public bool Order_IsATopologicalPermutation(int seed, byte size)
    {
        (TaskGraph g, _) = RandomDag(seed, 1 + (size % 80));
        IReadOnlyDictionary<Key, int> order = g.Order();
        return order.Values.Order().SequenceEqual(Enumerable.Range(0, g.Count))
            && order.All(kv => g.GetDependencies(kv.Key).All(d => order[d] < kv.Value));
    }

    [Property(MaxTest = 40)]
    public bool Schedulers_FusionAndCulling_AgreeWithReference(int seed, byte size)
    {
        int n = 1 + (size % 80);
        (TaskGraph g, long[] expected) = RandomDag(seed, n);
        var rng = new Random(seed ^ 0x5a5a);
        Key[] outputs = [.. Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => new Key("t", rng.Next(n)))];
        long[] want = [.. outputs.Select(k => expected[k.Index[0]])];
        IScheduler[] schedulers = [new SynchronousScheduler(), new SynchronousScheduler { Fuse = false }, new ThreadedScheduler(3), new ThreadedScheduler(2) { Fuse = false }];
        TaskGraph culled = g.Cull(outputs);
        FusionResult fused = culled.FuseLinear(outputs);
        foreach (IScheduler s in schedulers)
        {
            foreach (TaskGraph graph in new[] { g, culled, fused.Graph })
            {
                object?[] got = s.ComputeAsync(graph, outputs).GetAwaiter().GetResult();
                if (!got.Cast<long>().SequenceEqual(want))
                {
                    return false;
                }
            }
        }

        return fused.Graph.Count + fused.FusedKeys.Values.Sum(v => v.Count) == culled.Count;
    }
}
