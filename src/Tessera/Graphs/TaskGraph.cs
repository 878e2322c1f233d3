namespace Tessera.Graphs;

/// <summary>
/// An immutable, ordered set of <see cref="Layer"/>s forming a task graph (like Dask's HighLevelGraph).
/// When two layers define the same key, the first definition wins (equal keys mean equal tasks).
/// Use <see cref="Cull"/>, <see cref="FuseLinear"/> and <see cref="Order"/> to optimise and inspect it;
/// schedulers compile it to dense arrays internally.
/// </summary>
public sealed partial class TaskGraph
{
    private readonly Layer[] _layers;
    private readonly Dictionary<string, Layer> _layersByName;
    private TaskSpec[]? _tasks;
    private Dictionary<Key, int>? _index;
    private Dictionary<Key, List<Key>>? _dependents;

    /// <summary>Creates a graph from layers; layers with a name already seen are skipped.</summary>
    /// <param name="layers">The layers, in order.</param>
    public TaskGraph(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layersByName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var list = new List<Layer>();
        foreach (Layer l in layers)
        {
            if (_layersByName.TryAdd(l.Name, l))
            {
                list.Add(l);
            }
        }

        _layers = [.. list];
    }

    /// <summary>Creates a graph of one layer.</summary>
    /// <param name="layer">The layer.</param>
    public TaskGraph(Layer layer)
        : this([layer])
    {
    }

    /// <summary>An empty graph.</summary>
    public static TaskGraph Empty { get; } = new(Array.Empty<Layer>());

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The number of layers.</summary>
    public int LayerCount => _layers.Length;

    /// <summary>The number of distinct task keys.</summary>
    public int Count => Tasks.Length;

    /// <summary>All distinct keys, in layer order.</summary>
    public IEnumerable<Key> Keys => Tasks.Select(static t => t.Key);

    internal TaskSpec[] Tasks
    {
        get
        {
            EnsureIndex();
            return _tasks!;
        }
    }

    internal Dictionary<Key, int> Index
    {
        get
        {
            EnsureIndex();
            return _index!;
        }
    }

    /// <summary>The task with the given key.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="KeyNotFoundException">No task has that key.</exception>
    public TaskSpec this[Key key] => TryGetTask(key, out TaskSpec? t) ? t : throw new KeyNotFoundException($"No task with key {key} in the graph.");

    /// <summary>Merges graphs; layers (by name) and keys already seen are skipped.</summary>
    /// <param name="graphs">The graphs, in order.</param>
    public static TaskGraph Merge(params IEnumerable<TaskGraph> graphs) => new(graphs.SelectMany(static g => g._layers));

    /// <summary>The layer with the given name, or null.</summary>
    /// <param name="name">The layer name.</param>
    public Layer? GetLayer(string name) => _layersByName.GetValueOrDefault(name);

    /// <summary>Looks up a task by key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="task">The task, when found.</param>
    public bool TryGetTask(Key key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TaskSpec? task)
    {
        if (Index.TryGetValue(key, out int i))
        {
            task = _tasks![i];
            return true;
        }

        task = null;
        return false;
    }

    /// <summary>Whether a task has the given key.</summary>
    /// <param name="key">The key.</param>
    public bool Contains(Key key) => Index.ContainsKey(key);

    /// <summary>The distinct keys the task <paramref name="key"/> references.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyList<Key> GetDependencies(Key key) => this[key].Dependencies;

    /// <summary>The keys of the tasks that reference <paramref name="key"/> (computed once for the whole graph).</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyList<Key> GetDependents(Key key)
    {
        if (!Contains(key))
        {
            throw new KeyNotFoundException($"No task with key {key} in the graph.");
        }

        if (_dependents is null)
        {
            var d = new Dictionary<Key, List<Key>>();
            foreach (TaskSpec t in Tasks)
            {
                foreach (Key dep in t.Dependencies)
                {
                    if (!d.TryGetValue(dep, out List<Key>? l))
                    {
                        d[dep] = l = [];
                    }

                    l.Add(t.Key);
                }
            }

            _dependents = d;
        }

        return _dependents.TryGetValue(key, out List<Key>? r) ? r : [];
    }

    /// <summary>Adds a layer on top of this graph (a new graph; this one is unchanged).</summary>
    /// <param name="layer">The layer.</param>
    public TaskGraph WithLayer(Layer layer) => new(_layers.Append(layer));

    /// <summary>Checks that every referenced key exists and that there is no cycle.</summary>
    /// <exception cref="GraphValidationException">Missing keys or a cycle; the message names them.</exception>
    public void Validate() => CompiledGraph.Build(this, null);

    /// <inheritdoc/>
    public override string ToString() => $"TaskGraph({LayerCount} layers, {Count} tasks)";

    private void EnsureIndex()
    {
        if (Volatile.Read(ref _index) is not null)
        {
            return;
        }

        lock (_layersByName)
        {
            if (_index is null)
            {
                BuildIndex();
            }
        }
    }

    private void BuildIndex()
    {
        int total = 0;
        foreach (Layer l in _layers)
        {
            total += l.Count;
        }

        var index = new Dictionary<Key, int>(total);
        var tasks = new List<TaskSpec>(total);
        foreach (Layer l in _layers)
        {
            foreach (TaskSpec t in l.TasksArray)
            {
                if (index.TryAdd(t.Key, tasks.Count))
                {
                    tasks.Add(t);
                }
            }
        }

        _tasks = [.. tasks];
        Volatile.Write(ref _index, index);
    }
}
