using BenchmarkDotNet.Attributes;
using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera.Bench.Scheduling;

/// <summary>Per-task overhead of the local schedulers (each result is per task: total / task count).</summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private const int Wide = 100_000;
    private const int Chains = 1_000;
    private const int ChainLength = 100;
    private static readonly TaskFunction Inc = TaskFunction.Create((long x) => x + 1, "inc");
    private static readonly TaskFunction Sum = TaskFunction.Create((object?[] xs) =>
    {
        long s = 0;
        foreach (object? x in xs)
        {
            s += (long)x!;
        }

        return s;
    }, "sum");

    private TaskGraph _wide = TaskGraph.Empty;
    private TaskGraph _chains = TaskGraph.Empty;
    private Key[] _chainOutputs = [];
    private readonly ThreadedScheduler _threaded = new();
    private readonly ThreadedScheduler _threaded1 = new(1);
    private readonly ThreadedScheduler _threadedNoFuse = new() { Fuse = false };
    private readonly SynchronousScheduler _sync = new();

    /// <summary>Builds the graphs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var leaves = new TaskSpec[Wide];
        for (int i = 0; i < Wide; i++)
        {
            leaves[i] = new TaskSpec(new Key("inc-wide", i), Inc, TaskArg.Literal((long)i));
        }

        var total = new TaskSpec(new Key("sum-wide"), Sum, TaskArg.List(leaves.Select(static l => l.Key)));
        _wide = new TaskGraph([new Layer("inc-wide", leaves), new Layer("sum-wide", [total], ["inc-wide"])]);

        var tasks = new List<TaskSpec>(Chains * ChainLength);
        _chainOutputs = new Key[Chains];
        for (int c = 0; c < Chains; c++)
        {
            tasks.Add(new TaskSpec(new Key("chain", c, 0), Inc, TaskArg.Literal(0L)));
            for (int j = 1; j < ChainLength; j++)
            {
                tasks.Add(new TaskSpec(new Key("chain", c, j), Inc, TaskArg.Ref(new Key("chain", c, j - 1))));
            }

            _chainOutputs[c] = new Key("chain", c, ChainLength - 1);
        }

        _chains = new TaskGraph(new Layer("chain", tasks));
    }

    /// <summary>100,000 independent tiny tasks and one reduction, default threads.</summary>
    [Benchmark(OperationsPerInvoke = Wide + 1)]
    public object? WideThreaded() => _threaded.ComputeAsync(_wide, [new Key("sum-wide")]).GetAwaiter().GetResult()[0];

    /// <summary>Same graph, one worker thread.</summary>
    [Benchmark(OperationsPerInvoke = Wide + 1)]
    public object? WideThreaded1() => _threaded1.ComputeAsync(_wide, [new Key("sum-wide")]).GetAwaiter().GetResult()[0];

    /// <summary>Same graph on the synchronous scheduler.</summary>
    [Benchmark(OperationsPerInvoke = Wide + 1)]
    public object? WideSynchronous() => _sync.ComputeAsync(_wide, [new Key("sum-wide")]).GetAwaiter().GetResult()[0];

    /// <summary>1,000 chains of 100 tasks, fused (default).</summary>
    [Benchmark(OperationsPerInvoke = Chains * ChainLength)]
    public object? ChainsFused() => _threaded.ComputeAsync(_chains, _chainOutputs).GetAwaiter().GetResult()[0];

    /// <summary>1,000 chains of 100 tasks, without fusion.</summary>
    [Benchmark(OperationsPerInvoke = Chains * ChainLength)]
    public object? ChainsUnfused() => _threadedNoFuse.ComputeAsync(_chains, _chainOutputs).GetAwaiter().GetResult()[0];
}
