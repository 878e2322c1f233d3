using BenchmarkDotNet.Attributes;
using Tessera.Graphs;

namespace Tessera.Bench.Scheduling;

/// <summary>Graph construction, culling and ordering for 100,000 tasks (per task: total / task count).</summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private const int N = 100_000;
    private static readonly TaskFunction Add = TaskFunction.Create((long a, long b) => a + b, "add");

    /// <summary>Builds a layer of N/2 roots and a layer of N/2 pairwise sums, then culls and orders it.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int BuildCullOrder()
    {
        var roots = new TaskSpec[N / 2];
        var sums = new TaskSpec[N / 2];
        for (int i = 0; i < N / 2; i++)
        {
            roots[i] = TaskSpec.FromValue(new Key("root", i), (long)i);
        }

        for (int i = 0; i < N / 2; i++)
        {
            sums[i] = new TaskSpec(new Key("add", i), Add, TaskArg.Ref(new Key("root", i)), TaskArg.Ref(new Key("root", (i + 1) % (N / 2))));
        }

        var g = new TaskGraph([new Layer("root", roots), new Layer("add", sums, ["root"])]);
        Key[] outputs = [.. Enumerable.Range(0, N / 4).Select(static i => new Key("add", i))];
        TaskGraph culled = g.Cull(outputs);
        return culled.Order(outputs).Count;
    }
}
