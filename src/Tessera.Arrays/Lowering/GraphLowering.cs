using Tessera.Arrays.Expressions;

namespace Tessera.Arrays.Lowering;

/// <summary>
/// Turns an optimised expression into a layered task graph: one layer per node (a reduction adds
/// one per tree level), one task per block, keys <c>(layer-token, i, j, …)</c>. Blocks that are
/// only passed through (concatenation, a rechunk piece that is a whole old block) reuse the
/// producer's key instead of adding a task.
/// </summary>
internal sealed partial class GraphLowering
{
    private readonly Dictionary<Expr, BlockKeys> _done = new(ReferenceEqualityComparer.Instance);
    private readonly List<Layer> _layers = [];
    private readonly HashSet<string> _layerNames = [];
    private readonly Dictionary<Key, string> _layerOfKey = [];

    private readonly Dictionary<Key, long> _bytesOfKey = [];

    /// <summary>The bytes each task's result holds (block elements × item size).</summary>
    public IReadOnlyDictionary<Key, long> BytesOfKey => _bytesOfKey;

    public BlockKeys Lower(Expr e)
    {
        if (!_done.TryGetValue(e, out var keys))
        {
            keys = e.LowerWith(this);
            _done[e] = keys;
        }

        return keys;
    }

    public TaskGraph ToGraph() => new(_layers);

    internal BlockKeys LowerTyped<T>(Expr<T> e)
        where T : unmanaged => e switch
        {
            DelayedSourceExpr<T> d => LowerDelayed(d),
            FunctionSourceExpr<T> f => LowerFunction(f),
            ArraySourceExpr<T> a => LowerArray(a),
            FullExpr<T> f => LowerFull(f),
            StackExpr<T> s => LowerStack(s),
            ConcatenateExpr<T> c => LowerConcatenate(c),
            RechunkExpr<T> r => LowerRechunk(r),
            SliceExpr<T> s => LowerSlice(s),
            ReductionExpr<T> r => LowerReduction(r),
            ElementwiseExpr<T> x => LowerElementwise(x),
            _ => e is IMapBlocks m ? m.Lower(this) : throw new NotSupportedException($"No lowering for {e.GetType().Name}."),
        };

    /// <summary>Adds a layer (once per name) and records which layer each of its keys lives in.</summary>
    internal void AddLayer(string name, List<TaskSpec> tasks, IEnumerable<Key> dependencies)
    {
        if (!_layerNames.Add(name))
        {
            return;
        }

        var dependsOn = new HashSet<string>();
        foreach (var key in dependencies)
        {
            if (_layerOfKey.TryGetValue(key, out var layer) && layer != name)
            {
                dependsOn.Add(layer);
            }
        }

        foreach (var task in tasks)
        {
            _layerOfKey[task.Key] = name;
        }

        _layers.Add(new Layer(name, tasks, dependsOn));
    }

    /// <summary>Records the size of a task's result, for graph statistics.</summary>
    internal void RecordBytes(Key key, Expr e, long[] blockShape)
    {
        _bytesOfKey[key] = blockShape.Aggregate(1L, (a, b) => a * b) * DTypes.ItemSize(e.ElementType);
    }

    internal void AddExternalLayers(IEnumerable<Layer> layers)
    {
        foreach (var layer in layers)
        {
            if (_layerNames.Add(layer.Name))
            {
                foreach (var task in layer.Tasks)
                {
                    _layerOfKey[task.Key] = layer.Name;
                }

                _layers.Add(layer);
            }
        }
    }

    /// <summary>
    /// The plan's graph with one more layer: a task per output block that copies it into its place
    /// in <paramref name="result"/> (the keys of those tasks are the new outputs).
    /// </summary>
    internal static (TaskGraph Graph, Key[] Stores) WithStores<T>(LoweredArray plan, ResultBuffer<T> result)
        where T : unmanaged
    {
        var chunks = new Chunks(plan.Expr.Chunks);
        var store = TaskFunction.Create<NDArray<T>, long[], object?>(result.Store, "store");
        string layer = $"store-{plan.Expr.Token}";
        var tasks = new List<TaskSpec>(plan.Blocks.Keys.Length);
        var keys = new Key[plan.Blocks.Keys.Length];
        int flat = 0;
        foreach (var block in chunks.BlockIndices())
        {
            keys[flat] = BlockKey(layer, block);
            tasks.Add(new TaskSpec(keys[flat], store, TaskArg.Ref(plan.Blocks.Keys[flat]), TaskArg.Literal(chunks.BlockOffset(block))));
            flat++;
        }

        var producers = plan.Graph.Layers.Select(l => l.Name);
        return (plan.Graph.WithLayer(new Layer(layer, tasks, producers)), keys);
    }

    internal static long[] BlockShape(Expr e, ReadOnlySpan<int> block)
    {
        var shape = new long[block.Length];
        for (int a = 0; a < block.Length; a++)
        {
            shape[a] = e.Chunks[a][block[a]];
        }

        return shape;
    }

    internal static Key BlockKey(string layer, ReadOnlySpan<int> block) => new(layer, block);

    /// <summary>Lowers a node whose tasks each read some input blocks: one task per output block.</summary>
    internal BlockKeys PerBlock(Expr e, string layer, Func<int[], (TaskFunction Function, TaskArg[] Args)?> build, Func<int[], Key>? alias = null)
    {
        var grid = e.BlocksPerAxis;
        var keys = new Key[e.BlockCount];
        var tasks = new List<TaskSpec>();
        var deps = new List<Key>();
        int flat = 0;
        foreach (var block in BlockKeys.Enumerate(grid))
        {
            var built = build(block);
            if (built is null)
            {
                keys[flat++] = alias!(block);
                continue;
            }

            var key = BlockKey(layer, block);
            var task = new TaskSpec(key, built.Value.Function, built.Value.Args);
            RecordBytes(key, e, BlockShape(e, block));
            tasks.Add(task);
            deps.AddRange(task.Dependencies);
            keys[flat++] = key;
        }

        AddLayer(layer, tasks, deps);
        return new BlockKeys(grid, keys);
    }
}

/// <summary>A map-blocks node, whatever its element types.</summary>
internal interface IMapBlocks
{
    BlockKeys Lower(GraphLowering lowering);
}
