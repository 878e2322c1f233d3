using Tessera.Arrays.Expressions;

namespace Tessera.Arrays.Lowering;

internal sealed partial class GraphLowering
{
    private BlockKeys LowerDelayed<T>(DelayedSourceExpr<T> d)
        where T : unmanaged
    {
        var source = new BlockKeys([], [d.Source.Key], [AddExternalLayers(d.Source)]);
        var shape = d.Shape;
        var sourceKey = d.Source.Key;
        var check = TaskFunction.Create<object?, NDArray<T>>(
            value => ChunkKernels<T>.CheckDelayedResult(value, shape, sourceKey), "from-value");
        return PerBlock(d, d.LayerName, _ => (check, [TaskArg.Ref(sourceKey)]), null, source);
    }

    private BlockKeys LowerFunction<T>(FunctionSourceExpr<T> f)
        where T : unmanaged
    {
        var chunks = new Chunks(f.Chunks);
        var user = f.Function;
        var layer = f.LayerName;
        var run = TaskFunction.Create<BlockInfo, NDArray<T>>(
            info => ChunkKernels<T>.CheckBlock(user(info), info.Shape, "DArray.FromFunction", $"block ({string.Join(", ", info.Index)})"),
            "from-function");
        return PerBlock(f, layer, block =>
            (run, [TaskArg.Literal(new BlockInfo(block, chunks.BlockOffset(block), chunks.BlockShape(block)))]), null);
    }

    private BlockKeys LowerRegion<T>(RegionSourceExpr<T> r)
        where T : unmanaged
    {
        var chunks = new Chunks(r.Chunks);
        var user = r.Read;
        string name = r.Name;
        var run = TaskFunction.Create<long[], long[], Slicing.AxisSelection[], NDArray<T>>(
            (offset, shape, local) => ChunkKernels<T>.ReadRegion(user, offset, shape, local, name),
            r.Name);
        return PerBlock(r, r.LayerName, block =>
        {
            var (offset, shape, local) = r.BlockRegion(chunks.BlockOffset(block), chunks.BlockShape(block));
            return (run, [TaskArg.Literal(offset), TaskArg.Literal(shape), TaskArg.Literal(local)]);
        }, null);
    }

    private BlockKeys LowerArray<T>(ArraySourceExpr<T> a)
        where T : unmanaged
    {
        var chunks = new Chunks(a.Chunks);
        var grid = a.BlocksPerAxis;
        if (a.Held is { } held)
        {
            // Blocks on a cluster: one external task per distinct key, under the key the cluster holds.
            var external = held.Keys.Distinct().Select(k => TaskSpec.External(k, held)).ToList();
            AddLayer(a.LayerName, external, []);
            return new BlockKeys(grid, [.. held.Keys], [a.LayerName]);
        }

        if (a.Blocks is { } blocks)
        {
            var view = TaskFunction.Create<NDArray<T>, NDArray<T>>(ChunkKernels<T>.FreshView, "persisted");
            return PerBlock(a, a.LayerName, block => (view, [TaskArg.Literal(blocks[BlockKeys.Flat(grid, block)])]), null);
        }

        var whole = a.Whole!;
        var cut = TaskFunction.Create<NDArray<T>, long[], long[], NDArray<T>>(ChunkKernels<T>.Region, "array");
        return PerBlock(a, a.LayerName, block =>
            (cut, [TaskArg.Literal(whole), TaskArg.Literal(chunks.BlockOffset(block)), TaskArg.Literal(chunks.BlockShape(block))]), null);
    }

    private BlockKeys LowerFull<T>(FullExpr<T> f)
        where T : unmanaged
    {
        var chunks = new Chunks(f.Chunks);
        var value = f.Value;
        var fill = TaskFunction.Create<long[], NDArray<T>>(shape => ChunkKernels<T>.Full(value, shape), "full");
        // Blocks of one shape share one literal (most blocks of a regular chunking do).
        var shapes = new Dictionary<string, TaskArg>(StringComparer.Ordinal);
        return PerBlock(f, f.LayerName, block =>
        {
            var shape = chunks.BlockShape(block);
            string id = string.Join(',', shape);
            if (!shapes.TryGetValue(id, out var literal))
            {
                literal = TaskArg.Literal(shape);
                shapes[id] = literal;
            }

            return (fill, [literal]);
        }, null);
    }
}
