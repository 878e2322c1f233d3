using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

/// <summary>Builds small task graphs for the state-machine tests; priorities follow insertion order.</summary>
internal sealed class GraphBuilder
{
    public const string Function = "f";

    private readonly List<NewTask> _tasks = [];

    public static IReadOnlyDictionary<string, byte[]> Functions { get; } = new Dictionary<string, byte[]> { [Function] = [1, 2, 3] };

    public IReadOnlyList<NewTask> Tasks => _tasks;

    public GraphBuilder Task(string key, params string[] dependencies)
    {
        _tasks.Add(new NewTask(key, Function, [], dependencies, [_tasks.Count]));
        return this;
    }

    /// <summary>A value scattered by the client (its bytes are dropped once a worker holds it).</summary>
    public GraphBuilder Scattered(string key)
    {
        _tasks.Add(new NewTask(key, Function, [42], [], [_tasks.Count], Scattered: true));
        return this;
    }

    /// <summary>a → b → c … each key depends on the previous one.</summary>
    public static GraphBuilder Chain(params string[] keys)
    {
        var g = new GraphBuilder();
        for (int i = 0; i < keys.Length; i++)
        {
            g.Task(keys[i], i == 0 ? [] : [keys[i - 1]]);
        }

        return g;
    }

    /// <summary>N roots <c>{prefix}-i</c> and one <paramref name="sum"/> depending on all of them.</summary>
    public static GraphBuilder FanIn(int n, string prefix = "r", string sum = "sum")
    {
        var g = new GraphBuilder();
        var roots = Roots(n, prefix);
        foreach (string r in roots)
        {
            g.Task(r);
        }

        return g.Task(sum, roots);
    }

    /// <summary>a → (b, c) → d.</summary>
    public static GraphBuilder Diamond() => new GraphBuilder().Task("a").Task("b", "a").Task("c", "a").Task("d", "b", "c");

    public static string[] Roots(int n, string prefix = "r") => [.. Enumerable.Range(0, n).Select(i => $"{prefix}-{i}")];
}
