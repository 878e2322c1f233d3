using Tessera.Graphs;
using Tessera.Scheduling;

namespace Tessera;

/// <summary>
/// A lazy value: one task plus the delayed values it depends on (like <c>dask.delayed</c>). Build them with
/// <see cref="Call{TResult}(Func{TResult})"/> (0 to 8 arguments, each a plain value or a <see cref="Delayed{T}"/>)
/// or <see cref="Value{T}(T)"/>; run them with <see cref="Delayed{T}.Compute"/> or <see cref="ComputeAll"/>.
/// Keys are deterministic: the same function with the same arguments gives the same key, hence one task.
/// </summary>
[GenerateCallOverloads(maxArity: 8)]
public abstract partial class Delayed
{
    private readonly Delayed[] _dependencies;
    private TaskGraph? _graph;

    private protected Delayed(Layer[] layers, Key key, Delayed[] dependencies)
    {
        LayersArray = layers;
        Key = key;
        _dependencies = dependencies;
    }

    /// <summary>The key of the task producing this value.</summary>
    public Key Key { get; }

    /// <summary>This value's own layers: usually one layer of one task; the whole graph for <see cref="FromGraph{T}"/>.</summary>
    public IReadOnlyList<Layer> Layers => LayersArray;

    internal Layer[] LayersArray { get; }

    /// <summary>The delayed values this one depends on directly.</summary>
    public IReadOnlyList<Delayed> Dependencies => _dependencies;

    /// <summary>The type of the computed value.</summary>
    public abstract Type ResultType { get; }

    /// <summary>The task graph needed to compute this value: its layer and its dependencies' layers (built once).</summary>
    public TaskGraph Graph => _graph ??= BuildGraph([this]);

    /// <summary>Lifts a plain value into a delayed one (a task returning the value).</summary>
    /// <param name="value">The value; its token (content for primitives, identity for other objects) names the key.</param>
    public static Delayed<T> Value<T>(T value)
    {
        var key = new Key(ShortTypeName(typeof(T)) + "-" + Tokenizer.Tokenize(value));
        return new Delayed<T>([new Layer(key.Name, [TaskSpec.FromValue(key, value)])], key, []);
    }

    /// <summary>
    /// A delayed value already computed and held elsewhere under <paramref name="key"/> (a future or a
    /// persisted value on a cluster): its graph is one external task (<see cref="TaskSpec.External"/>), so
    /// only the scheduler that holds the key can compute graphs built on it.
    /// </summary>
    /// <param name="key">The key the value is held under.</param>
    /// <param name="holder">What keeps the value alive (a future or a <see cref="HeldKeys"/>); kept as long as this delayed value.</param>
    public static Delayed<T> FromKey<T>(Key key, object? holder)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("A non-default key is needed.", nameof(key));
        }

        return new Delayed<T>([new Layer(key.Name, [TaskSpec.External(key, holder)])], key, []);
    }

    /// <summary>A delayed value for the key <paramref name="key"/> of an existing graph (for example an array chunk).</summary>
    /// <param name="graph">The graph producing <paramref name="key"/>.</param>
    /// <param name="key">The key.</param>
    public static Delayed<T> FromGraph<T>(TaskGraph graph, Key key)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!graph.Contains(key))
        {
            throw new ArgumentException($"The graph has no task with key {key}.", nameof(key));
        }

        return new Delayed<T>([.. graph.Layers], key, []);
    }

    /// <summary>Gathers delayed values into one delayed array (in order).</summary>
    /// <param name="items">The values.</param>
    public static Delayed<T[]> Collect<T>(IEnumerable<Delayed<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Delayed<T>[] deps = [.. items];
        TaskFunction fn = TaskFunction.FromInvoker("collect", (Func<object?[], T[]>)ToArray<T>, static a => ToArray<T>((object?[])a[0]!), 1);
        var key = new Key("collect-" + Tokenizer.Tokenize([typeof(T), .. deps.Select(static d => (object?)d.Key)]));
        var spec = new TaskSpec(key, fn, TaskArg.List(deps.Select(static d => d.Key)));
        return new Delayed<T[]>([new Layer(key.Name, [spec])], key, deps);
    }

    /// <summary>Computes several delayed values at once with <see cref="Scheduler.Default"/>; shared tasks run once.</summary>
    /// <param name="items">The values.</param>
    /// <returns>The results, in order.</returns>
    public static object?[] ComputeAll(params Delayed[] items) => ComputeAllAsync(items).GetAwaiter().GetResult();

    /// <summary>Computes several delayed values of one type at once; shared tasks run once.</summary>
    /// <param name="items">The values.</param>
    public static T[] ComputeAll<T>(IEnumerable<Delayed<T>> items)
    {
        object?[] r = ComputeAll(items.Cast<Delayed>().ToArray());
        return [.. r.Select(static x => (T)x!)];
    }

    /// <summary>Computes several delayed values at once with <see cref="Scheduler.Default"/>.</summary>
    /// <param name="items">The values.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public static Task<object?[]> ComputeAllAsync(IReadOnlyList<Delayed> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        TaskGraph graph = items.Count == 1 ? items[0].Graph : BuildGraph(items);
        return Scheduler.Default.ComputeAsync(graph, [.. items.Select(static d => d.Key)], cancellationToken);
    }

    /// <summary>The merged graph of several delayed values (each reachable layer once, dependencies first).</summary>
    /// <param name="items">The values.</param>
    public static TaskGraph BuildGraph(IEnumerable<Delayed> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var seen = new HashSet<Delayed>(ReferenceEqualityComparer.Instance);
        var seenLayers = new HashSet<string>(StringComparer.Ordinal);
        var layers = new List<Layer>();
        var stack = new Stack<(Delayed Node, bool Expanded)>();
        foreach (Delayed d in items.Reverse())
        {
            stack.Push((d, false));
        }

        while (stack.Count > 0)
        {
            (Delayed node, bool expanded) = stack.Pop();
            if (expanded)
            {
                foreach (Layer l in node.LayersArray)
                {
                    if (seenLayers.Add(l.Name))
                    {
                        layers.Add(l);
                    }
                }

                continue;
            }

            if (!seen.Add(node))
            {
                continue;
            }

            stack.Push((node, true));
            for (int i = node._dependencies.Length - 1; i >= 0; i--)
            {
                if (!seen.Contains(node._dependencies[i]))
                {
                    stack.Push((node._dependencies[i], false));
                }
            }
        }

        return new TaskGraph(layers);
    }

    internal static string ShortTypeName(Type t)
    {
        string n = t.Name;
        int tick = n.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? n[..tick] : n.Replace("[]", "Array", StringComparison.Ordinal);
    }

    private static T[] ToArray<T>(object?[] items) => [.. items.Select(static x => (T)x!)];

    private static Delayed<TResult> Build<TResult>(TaskFunction function, object?[] args)
    {
        var deps = new List<Delayed>();
        var taskArgs = new TaskArg[args.Length];
        var tokenParts = new object?[args.Length + 1];
        tokenParts[0] = function.Token;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is Delayed d)
            {
                deps.Add(d);
                taskArgs[i] = TaskArg.Ref(d.Key);
                tokenParts[i + 1] = d.Key;
            }
            else
            {
                taskArgs[i] = TaskArg.Literal(args[i]);
                tokenParts[i + 1] = args[i];
            }
        }

        var key = new Key(function.Name + "-" + Tokenizer.Tokenize(tokenParts));
        var spec = new TaskSpec(key, function, taskArgs);
        return new Delayed<TResult>([new Layer(key.Name, [spec])], key, [.. deps]);
    }
}
