using Tessera.Arrays.Expressions;

namespace Tessera.Arrays.Lowering;

internal sealed partial class GraphLowering
{
    private BlockKeys LowerElementwise<T>(ElementwiseExpr<T> e)
        where T : unmanaged
    {
        var inputs = LowerInputs(e);
        var run = ElementwiseFunction(e.Kernel.Apply, e.Kernel.Name);
        var constants = new Dictionary<string, TaskArg>(StringComparer.Ordinal);
        return PerBlock(e, e.LayerName, block => (run, [ElementwiseArgs(e, inputs, block, constants)]), null, [.. inputs.OfType<BlockKeys>()]);
    }

    /// <summary>
    /// The inputs of an elementwise node, lowered; null for an input of one repeated value with the
    /// node's own shape and chunks (blockwise fusion: its blocks are made inside the node's tasks, as
    /// one-element constants, instead of by tasks of their own).
    /// </summary>
    private BlockKeys?[] LowerInputs(IElementwise e) =>
        [.. e.Inputs.Select(input =>
            input is IConstantSource && input.Shape.AsSpan().SequenceEqual(e.Shape)
                && Chunks.Same(input.Chunks, e.Chunks)
                ? null
                : Lower(input))];

    /// <summary>The argument list of one elementwise block: references to input blocks, literals for constants.</summary>
    private static TaskArg ElementwiseArgs(IElementwise e, BlockKeys?[] inputs, int[] block, Dictionary<string, TaskArg> constants)
    {
        var args = new TaskArg[inputs.Length];
        int ndim = e.Shape.Length;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is { } keys)
            {
                args[i] = TaskArg.Ref(keys[Broadcasting.InputBlock(e.Inputs[i], ndim, block)]);
                continue;
            }

            var shape = new long[ndim];
            for (int a = 0; a < ndim; a++)
            {
                shape[a] = e.Chunks[a][block[a]];
            }

            string id = $"{i}:{string.Join(',', shape)}";
            if (!constants.TryGetValue(id, out var literal))
            {
                literal = TaskArg.Literal(((IConstantSource)e.Inputs[i]).BlockConstant(shape));
                constants[id] = literal;
            }

            args[i] = literal;
        }

        return TaskArg.List(args);
    }

    /// <summary>
    /// A tree reduction: blocks reduced on their own (skipped when they are already one element
    /// thick along every reduced axis), then combined splitEvery at a time, level by
    /// level, until one block is left along the reduced axes; the last step drops those axes unless
    /// they are kept.
    /// </summary>
    private BlockKeys LowerReduction<T>(ReductionExpr<T> r)
        where T : unmanaged
    {
        var axes = r.Axes;
        var kind = r.Kind;
        var grid = r.Child.BlocksPerAxis;
        var childChunks = r.Child.Chunks;
        bool thin = axes.All(a => childChunks[a].All(n => n == 1));
        bool done = axes.All(a => grid[a] == 1);
        int level = 0;
        if (!thin && r.Child is ElementwiseExpr<T> fused && Consumers is { } consumers && consumers.GetValueOrDefault(fused) == 1)
        {
            // Blockwise fusion: each task computes its elementwise block and reduces it at once, so
            // the elementwise blocks never become results of their own.
            var ewInputs = LowerInputs(fused);
            var apply = fused.Kernel.Apply;
            bool keep = !done || r.KeepDims;
            var run = FusedReduceFunction<T>(kind, apply, axes, keep, r.Name);
            var constants = new Dictionary<string, TaskArg>(StringComparer.Ordinal);
            string stage = $"{r.LayerName}-{level++}";
            var keys = new Key[r.Child.BlockCount];
            var tasks = new List<TaskSpec>(keys.Length);
            int flat = 0;
            foreach (var block in BlockKeys.Enumerate(grid))
            {
                var outBlock = keep ? block : block.Where((_, a) => !axes.Contains(a)).ToArray();
                var key = BlockKey(stage, outBlock);
                tasks.Add(new TaskSpec(key, run, ElementwiseArgs(fused, ewInputs, block, constants)));
                if (TrackBytes)
                {
                    RecordBytes(key, r, PartialShape(r, block));
                }
                keys[flat++] = key;
            }

            AddLayer(stage, tasks, ewInputs.OfType<BlockKeys>());
            return ContinueReduction(r, new BlockKeys(keep ? grid : [.. grid.Where((_, a) => !axes.Contains(a))], keys, [stage]), (int[])grid.Clone(), level);
        }

        var input = Lower(r.Child);
        var current = input;
        grid = (int[])input.BlocksPerAxis.Clone();
        if (!thin)
        {
            var reduce = ReduceFunction<T>(kind, axes, !done || r.KeepDims, r.Name);
            current = Stage($"{r.LayerName}-{level++}", grid, current, reduce, r, done && !r.KeepDims ? r : null);
        }

        if (thin && !done)
        {
            current = Fold(r, input, grid);
            grid = (int[])grid.Clone();
            foreach (var a in axes)
            {
                grid[a] = 1;
            }
        }

        return ContinueReduction(r, current, grid, level);
    }

    /// <summary>The combine levels of a tree reduction, from partial results one element thick along the reduced axes.</summary>
    private BlockKeys ContinueReduction<T>(ReductionExpr<T> r, BlockKeys current, int[] grid, int level)
        where T : unmanaged
    {
        var axes = r.Axes;
        var kind = r.Kind;
        int perAxis = axes.Length == 1 ? r.SplitEvery : Math.Max(2, (int)Math.Floor(Math.Pow(r.SplitEvery, 1.0 / axes.Length)));
        while (!axes.All(a => grid[a] == 1))
        {
            var newGrid = (int[])grid.Clone();
            foreach (var a in axes)
            {
                newGrid[a] = (grid[a] + perAxis - 1) / perAxis;
            }

            bool last = axes.All(a => newGrid[a] == 1);
            bool squeeze = last && !r.KeepDims;
            var combine = CombineFunction<T>(kind, squeeze ? axes : [], r.Name);
            var previous = current;
            var previousGrid = grid;
            var keys = new Key[newGrid.Aggregate(1, (x, y) => x * y)];
            var tasks = new List<TaskSpec>(keys.Length);
            string layer = last ? r.LayerName : $"{r.LayerName}-{level}";
            int flat = 0;
            foreach (var block in BlockKeys.Enumerate(newGrid))
            {
                var members = new List<Key>();
                foreach (var sub in BlockKeys.Enumerate([.. axes.Select(a => Math.Min(perAxis, previousGrid[a] - (block[a] * perAxis)))]))
                {
                    var source = (int[])block.Clone();
                    for (int i = 0; i < axes.Length; i++)
                    {
                        source[axes[i]] = (block[axes[i]] * perAxis) + sub[i];
                    }

                    members.Add(previous[source]);
                }

                var outBlock = squeeze ? block.Where((_, a) => !axes.Contains(a)).ToArray() : block;
                var key = BlockKey(layer, outBlock);
                var task = new TaskSpec(key, combine, TaskArg.List(members));
                if (TrackBytes)
                {
                    RecordBytes(key, r, PartialShape(r, block));
                }
                tasks.Add(task);
                keys[flat++] = key;
            }

            AddLayer(layer, tasks, [previous]);
            current = new BlockKeys(squeeze ? [.. newGrid.Where((_, a) => !axes.Contains(a))] : newGrid, keys, [layer]);
            grid = newGrid;
            level++;
        }

        if (r.KeepDims || current.BlocksPerAxis.Length == r.NDim)
        {
            return current;
        }

        // Thin blocks with a single block along the reduced axes: only the axes need dropping.
        var drop = TaskFunction.Create<NDArray<T>, NDArray<T>>(b => ChunkKernels<T>.DropAxes(b, axes), r.Name);
        return Stage(r.LayerName, grid, current, drop, r, r);
    }

    /// <summary>
    /// Thin blocks (one element thick along every reduced axis: a stacked axis) are folded in
    /// place, one chain per output block, instead of going through a tree: each input block is
    /// consumed as soon as it exists, so the inputs (whole facets, in the reference job) are freed
    /// one by one rather than waiting for a group of <c>splitEvery</c> of them. The first step copies
    /// (the inputs are not ours to change); the next ones add into that copy.
    /// </summary>
    private BlockKeys Fold<T>(ReductionExpr<T> r, BlockKeys input, int[] grid)
        where T : unmanaged
    {
        var axes = r.Axes;
        var kind = r.Kind;
        var first = TaskFunction.Create<NDArray<T>, NDArray<T>, NDArray<T>>((a, b) => ChunkKernels<T>.Fold(kind, a, b, owned: false), r.Name);
        var next = TaskFunction.Create<NDArray<T>, NDArray<T>, NDArray<T>>((a, b) => ChunkKernels<T>.Fold(kind, a, b, owned: true), r.Name);
        string layer = $"{r.LayerName}-fold";
        var outGrid = (int[])grid.Clone();
        foreach (var a in axes)
        {
            outGrid[a] = 1;
        }

        var reducedGrid = axes.Select(a => grid[a]).ToArray();
        var subs = BlockKeys.Enumerate(reducedGrid).ToList();
        int chains = Math.Clamp(FoldChains, 1, subs.Count);
        var keys = new Key[outGrid.Aggregate(1, (x, y) => x * y)];
        var tasks = new List<TaskSpec>();
        var joins = new List<TaskSpec>();
        string joinLayer = $"{r.LayerName}-join";
        int flat = 0;
        foreach (var block in BlockKeys.Enumerate(outGrid))
        {
            var partials = new List<(Key Key, bool Owned)>(chains);
            for (int c = 0; c < chains; c++)
            {
                Key? acc = null;
                int step = 0;
                for (int s = ChainStart(subs.Count, chains, c); s < ChainStart(subs.Count, chains, c + 1); s++)
                {
                    var source = (int[])block.Clone();
                    for (int i = 0; i < axes.Length; i++)
                    {
                        source[axes[i]] = subs[s][i];
                    }

                    if (acc is null)
                    {
                        acc = input[source];
                        step++;
                        continue;
                    }

                    var key = chains == 1 ? BlockKey(layer, [step, .. block]) : BlockKey(layer, [c, step, .. block]);
                    tasks.Add(new TaskSpec(key, step == 1 ? first : next, TaskArg.Ref(acc.Value), TaskArg.Ref(input[source])));
                    Track(key, r, block);
                    acc = key;
                    step++;
                }

                partials.Add((acc!.Value, step > 1));
            }

            // The chains' results are joined pairwise, level by level (k chains: k - 1 joins, log2 k deep); a join
            // copies unless its left side is a fold result it may add into.
            int joined = 0;
            while (partials.Count > 1)
            {
                var level = new List<(Key Key, bool Owned)>((partials.Count + 1) / 2);
                for (int i = 0; i < partials.Count; i += 2)
                {
                    if (i + 1 == partials.Count)
                    {
                        level.Add(partials[i]);
                        continue;
                    }

                    var join = BlockKey(joinLayer, [joined++, .. block]);
                    joins.Add(new TaskSpec(join, partials[i].Owned ? next : first, TaskArg.Ref(partials[i].Key), TaskArg.Ref(partials[i + 1].Key)));
                    Track(join, r, block);
                    level.Add((join, true));
                }

                partials = level;
            }

            keys[flat++] = partials[0].Key;
        }

        AddLayer(layer, tasks, [input]);
        if (joins.Count == 0)
        {
            return new BlockKeys(outGrid, keys, [layer]);
        }

        AddLayer(joinLayer, joins, [input, new BlockKeys(outGrid, keys, [layer])]);
        return new BlockKeys(outGrid, keys, [joinLayer]);
    }

    /// <summary>
    /// Where chain <paramref name="chain"/> of <paramref name="chains"/> starts among <paramref name="count"/> inputs: the
    /// first <c>count % chains</c> chains take one input more, as the scheduler deals roots to equal workers, so
    /// each chain's inputs are the run of facets one worker computes.
    /// </summary>
    private static int ChainStart(int count, int chains, int chain) => (chain * (count / chains)) + Math.Min(chain, count % chains);

    private void Track<T>(Key key, ReductionExpr<T> r, int[] block)
        where T : unmanaged
    {
        if (TrackBytes)
        {
            RecordBytes(key, r, PartialShape(r, block));
        }
    }

    /// <summary>The shape of a partial result: the input block's shape, one thick along the reduced axes.</summary>
    private static long[] PartialShape<T>(ReductionExpr<T> r, int[] block)
        where T : unmanaged
    {
        var shape = new long[r.Child.NDim];
        for (int a = 0; a < shape.Length; a++)
        {
            shape[a] = r.Axes.Contains(a) ? 1 : r.Child.Chunks[a][block[a]];
        }

        return shape;
    }

    private BlockKeys Stage<T>(string layer, int[] grid, BlockKeys input, TaskFunction function, ReductionExpr<T> r, ReductionExpr<T>? squeezeTo)
        where T : unmanaged
    {
        var keys = new Key[input.Keys.Length];
        var tasks = new List<TaskSpec>();
        int flat = 0;
        foreach (var block in BlockKeys.Enumerate(grid))
        {
            var outBlock = squeezeTo is null ? block : block.Where((_, a) => !squeezeTo.Axes.Contains(a)).ToArray();
            var key = BlockKey(layer, outBlock);
            tasks.Add(new TaskSpec(key, function, TaskArg.Ref(input[block])));
            if (TrackBytes)
            {
                RecordBytes(key, r, PartialShape(r, block));
            }
            keys[flat++] = key;
        }

        AddLayer(layer, tasks, [input]);
        return new BlockKeys(squeezeTo is null ? grid : [.. grid.Where((_, a) => !squeezeTo.Axes.Contains(a))], keys, [layer]);
    }

    // Kernel functions are built in static methods so that their closures capture only what they
    // use: a lambda written inside a lowering method shares that method's closure, which holds the
    // expression (and an in-memory source array), and all of it would ship to every worker.
    private static TaskFunction ElementwiseFunction(Func<object[], object> kernel, string name) =>
        TaskFunction.Create<object?[], object>(xs => kernel(xs!), name);

    private static TaskFunction FusedReduceFunction<T>(ReductionKind kind, Func<object[], object> apply, int[] axes, bool keepDims, string name)
        where T : unmanaged =>
        TaskFunction.Create<object?[], NDArray<T>>(xs => ChunkKernels<T>.ReduceFresh(kind, (NDArray<T>)apply(xs!), xs!, axes, keepDims), name);

    private static TaskFunction ReduceFunction<T>(ReductionKind kind, int[] axes, bool keepDims, string name)
        where T : unmanaged =>
        TaskFunction.Create<NDArray<T>, NDArray<T>>(b => ChunkKernels<T>.ReduceBlock(kind, b, axes, keepDims), name);

    private static TaskFunction CombineFunction<T>(ReductionKind kind, int[] squeezeAxes, string name)
        where T : unmanaged =>
        TaskFunction.Create<object?[], NDArray<T>>(xs => ChunkKernels<T>.Combine(kind, xs, squeezeAxes), name);
}
