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
    private readonly Dictionary<Key, long> _bytesOfKey = [];

    /// <summary>Gets a value indicating whether to record the bytes each task produces (for graph statistics); the default is true.</summary>
    public bool TrackBytes { get; init; } = true;

    /// <summary>Gets a value indicating whether some layer has tasks no output needs (a selection reads only some blocks), so the graph needs culling.</summary>
    public bool NeedsCull { get; private set; }

    /// <summary>
    /// Gets how many fold chains a reduction over thin blocks (a stacked axis) makes per output block: one per memory
    /// the tasks run in (<see cref="IScheduler.MemorySpaces"/>), each over a contiguous run of the inputs, joined at
    /// the end, so each worker folds the inputs it computed. The default is 1 (one chain, no join).
    /// </summary>
    public int FoldChains { get; init; } = 1;

    /// <summary>Gets how many nodes consume each node of the lowered expression (for blockwise fusion); null fuses nothing.</summary>
    public IReadOnlyDictionary<Expr, int>? Consumers { get; init; }

    internal void MarkPartial() => NeedsCull = true;

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
            RegionSourceExpr<T> r => LowerRegion(r),
            ArraySourceExpr<T> a => LowerArray(a),
            FullExpr<T> f => LowerFull(f),
            StackExpr<T> s => LowerStack(s),
            ConcatenateExpr<T> c => LowerConcatenate(c),
            RechunkExpr<T> r => LowerRechunk(r),
            SliceExpr<T> s => LowerSlice(s),
            ReductionExpr<T> r => LowerReduction(r),
            ElementwiseExpr<T> x => LowerElementwise(x),
            _ => e is ILowersItself m ? m.Lower(this) : throw new NotSupportedException($"No lowering for {e.GetType().Name}."),
        };

    /// <summary>Adds a layer (once per name) that depends on the layers producing <paramref name="inputs"/>.</summary>
    internal void AddLayer(string name, List<TaskSpec> tasks, IEnumerable<BlockKeys> inputs)
    {
        if (!_layerNames.Add(name))
        {
            return;
        }

        var dependsOn = new HashSet<string>();
        foreach (var input in inputs)
        {
            dependsOn.UnionWith(input.Layers);
        }

        dependsOn.Remove(name);
        _layers.Add(new Layer(name, tasks, dependsOn));
    }

    /// <summary>Records the size of a task's result, for graph statistics.</summary>
    internal void RecordBytes(Key key, Expr e, long[] blockShape)
    {
        long elements = 1;
        foreach (var n in blockShape)
        {
            elements *= n;
        }

        _bytesOfKey[key] = elements * DTypes.ItemSize(e.ElementType);
    }

    /// <summary>Adds the layers of a user's <see cref="Delayed"/>; returns the name of the layer holding its key.</summary>
    internal string AddExternalLayers(Delayed source)
    {
        string own = source.Key.Name;
        foreach (var layer in source.Layers)
        {
            if (_layerNames.Add(layer.Name))
            {
                _layers.Add(layer);
            }

            foreach (var task in layer.Tasks)
            {
                if (task.Key == source.Key)
                {
                    own = layer.Name;
                }
            }
        }

        return own;
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

        return (plan.Graph.WithLayer(new Layer(layer, tasks, plan.Blocks.Layers)), keys);
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

    /// <summary>
    /// One task per block of <paramref name="grid"/> for an intermediate stage of <paramref name="e"/>'s
    /// computation (partial results of a reduction, a scan's carries): the stage's blocks are not
    /// <paramref name="e"/>'s, so their sizes are not recorded.
    /// </summary>
    internal BlockKeys PerBlockOf(Expr e, string layer, int[] grid, Func<int[], (TaskFunction Function, TaskArg[] Args)> build, BlockKeys[] inputs)
    {
        _ = e;
        var keys = new Key[grid.Aggregate(1, (x, y) => x * y)];
        var tasks = new List<TaskSpec>(keys.Length);
        int flat = 0;
        foreach (var block in BlockKeys.Enumerate(grid))
        {
            var (function, args) = build(block);
            var key = BlockKey(layer, block);
            tasks.Add(new TaskSpec(key, function, args));
            keys[flat++] = key;
        }

        AddLayer(layer, tasks, inputs);
        return new BlockKeys(grid, keys, [layer]);
    }

    /// <summary>Lowers a node whose tasks each read blocks of <paramref name="inputs"/>: one task per output block.</summary>
    internal BlockKeys PerBlock(Expr e, string layer, Func<int[], (TaskFunction Function, TaskArg[] Args)?> build, Func<int[], Key>? alias, params BlockKeys[] inputs)
    {
        var grid = e.BlocksPerAxis;
        var keys = new Key[e.BlockCount];
        var tasks = new List<TaskSpec>(keys.Length);
        bool aliased = false;
        int flat = 0;
        foreach (var block in BlockKeys.Enumerate(grid))
        {
            var built = build(block);
            if (built is null)
            {
                keys[flat++] = alias!(block);
                aliased = true;
                continue;
            }

            var key = BlockKey(layer, block);
            tasks.Add(new TaskSpec(key, built.Value.Function, built.Value.Args));
            if (TrackBytes)
            {
                RecordBytes(key, e, BlockShape(e, block));
            }
            keys[flat++] = key;
        }

        AddLayer(layer, tasks, inputs);
        var layers = new HashSet<string>();
        if (tasks.Count > 0)
        {
            layers.Add(layer);
        }

        if (aliased)
        {
            foreach (var input in inputs)
            {
                layers.UnionWith(input.Layers);
            }
        }

        return new BlockKeys(grid, keys, layers);
    }
}

/// <summary>A node that adds its own tasks (map-blocks, cumulative scans, generic reductions), whatever its element types.</summary>
internal interface ILowersItself
{
    BlockKeys Lower(GraphLowering lowering);
}
