using Tessera.Arrays.Expressions;
using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Lowering;

internal sealed partial class GraphLowering
{
    private BlockKeys LowerStack<T>(StackExpr<T> s)
        where T : unmanaged
    {
        var inputs = s.Items.Select(Lower).ToArray();
        int axis = s.Axis;
        var expand = TaskFunction.Create<NDArray<T>, NDArray<T>>(a => ChunkKernels<T>.ExpandDims(a, axis), "stack");
        return PerBlock(s, s.LayerName, block =>
        {
            var inner = block.Where((_, a) => a != axis).ToArray();
            return (expand, [TaskArg.Ref(inputs[block[axis]][inner])]);
        }, null, inputs);
    }

    private BlockKeys LowerConcatenate<T>(ConcatenateExpr<T> c)
        where T : unmanaged
    {
        var inputs = c.Items.Select(Lower).ToArray();
        var owner = new List<(int Item, int Block)>();
        for (int i = 0; i < inputs.Length; i++)
        {
            for (int b = 0; b < inputs[i].BlocksPerAxis[c.Axis]; b++)
            {
                owner.Add((i, b));
            }
        }

        return PerBlock(c, c.LayerName, _ => null, block =>
        {
            var (item, local) = owner[block[c.Axis]];
            var inner = (int[])block.Clone();
            inner[c.Axis] = local;
            return inputs[item][inner];
        }, inputs);
    }

    private BlockKeys LowerSlice<T>(SliceExpr<T> s)
        where T : unmanaged
    {
        var pieces = s.PlanPieces();
        if (pieces.Where((p, a) => !s.Slices[a].Drop && p.Length == 0).Any())
        {
            // An empty selection: its (empty) blocks read nothing, so no source block is built.
            var empty = TaskFunction.Create<long[], NDArray<T>>(shape => NDArray.Empty<T>(shape), "getitem");
            return PerBlock(s, s.LayerName, block => (empty, [TaskArg.Literal(BlockShape(s, block))]), null);
        }

        var input = Lower(s.Child);
        for (int a = 0; a < pieces.Length; a++)
        {
            if (pieces[a].Select(p => p.SourceBlock).Distinct().Count() < s.Child.Chunks[a].Length)
            {
                MarkPartial();
            }
        }

        var view = TaskFunction.Create<NDArray<T>, AxisSelection[], NDArray<T>>(ChunkKernels<T>.Select, "getitem");
        return PerBlock(s, s.LayerName, block =>
        {
            var source = new int[s.Slices.Length];
            var local = new AxisSelection[s.Slices.Length];
            int o = 0;
            for (int a = 0; a < s.Slices.Length; a++)
            {
                var piece = s.Slices[a].Drop ? pieces[a][0] : pieces[a][block[o++]];
                source[a] = piece.SourceBlock;
                local[a] = piece.Local;
            }

            return (view, [TaskArg.Ref(input[source]), TaskArg.Literal(local)]);
        }, null, input);
    }

    private BlockKeys LowerRechunk<T>(RechunkExpr<T> r)
        where T : unmanaged
    {
        var input = Lower(r.Child);
        var oldChunks = r.Child.Chunks;
        var newChunks = new Chunks(r.Chunks);
        var plan = ChunkIntersection.IntersectChunks(new Chunks(oldChunks), newChunks).ToArray();
        var view = TaskFunction.Create<NDArray<T>, AxisSelection[], NDArray<T>>(ChunkKernels<T>.View, "rechunk-split");
        var assemble = TaskFunction.Create<object?[], RechunkSource[], long[], NDArray<T>>(ChunkKernels<T>.Assemble, "rechunk-merge");
        var grid = r.BlocksPerAxis;
        return PerBlock(
            r,
            r.LayerName,
            block =>
            {
                var sources = plan[BlockKeys.Flat(grid, block)].Sources;
                if (sources.Count == 1)
                {
                    var p = sources[0];
                    return IsWholeBlock(p, oldChunks) ? null : (view, [TaskArg.Ref(input[p.OldBlock]), TaskArg.Literal(ToSelections(p.Slices))]);
                }

                return (assemble, [TaskArg.List(sources.Select(p => input[p.OldBlock])), TaskArg.Literal(sources.ToArray()), TaskArg.Literal(newChunks.BlockShape(block))]);
            },
            block => input[plan[BlockKeys.Flat(grid, block)].Sources[0].OldBlock],
            input);
    }

    internal static AxisSelection[] ToSelections(AxisSlice[] slices) =>
        [.. slices.Select(s => new AxisSelection(s.Start, s.Stop, s.Step, false))];

    private static bool IsWholeBlock(RechunkSource p, long[][] oldChunks)
    {
        for (int a = 0; a < p.Slices.Length; a++)
        {
            var s = p.Slices[a];
            if (s.Start != 0 || s.Step != 1 || s.Count != oldChunks[a][p.OldBlock[a]])
            {
                return false;
            }
        }

        return true;
    }
}
