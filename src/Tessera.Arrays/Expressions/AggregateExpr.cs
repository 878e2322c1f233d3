using Tessera.Arrays.Lowering;

namespace Tessera.Arrays.Expressions;

/// <summary>
/// Dask's generic <c>reduction(chunk, combine, aggregate)</c>: each block becomes a partial result
/// (<see cref="Chunk"/>, given the block's offset in the array), partials are merged
/// <see cref="SplitEvery"/> at a time along the reduced axes (<see cref="Combine"/>) until one is
/// left per output block, and <see cref="Aggregate"/> turns it into the values. Partials are
/// NDArrays (they travel between workers like any block); the three functions must capture only
/// values that ship (numbers, enums, arrays of them).
/// </summary>
internal sealed class AggregateExpr<TIn, TOut> : Expr<TOut>, ILowersItself
    where TIn : unmanaged
    where TOut : unmanaged
{
    public AggregateExpr(
        Expr<TIn> child,
        string name,
        string description,
        int[] axes,
        bool keepDims,
        int splitEvery,
        Func<NDArray<TIn>, long[], object> chunk,
        Func<object?[], object> combine,
        Func<object, NDArray<TOut>> aggregate)
        : base(ReducedShape(child, axes, keepDims), ReducedChunks(child, axes, keepDims))
    {
        Child = child;
        OpName = name;
        Description = description;
        Axes = axes;
        KeepDims = keepDims;
        SplitEvery = splitEvery;
        Chunk = chunk;
        Combine = combine;
        Aggregate = aggregate;
    }

    public Expr<TIn> Child { get; }

    public string OpName { get; }

    public string Description { get; }

    public int[] Axes { get; }

    public bool KeepDims { get; }

    public int SplitEvery { get; }

    public Func<NDArray<TIn>, long[], object> Chunk { get; }

    public Func<object?[], object> Combine { get; }

    public Func<object, NDArray<TOut>> Aggregate { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => OpName;

    protected override string Describe() => $"{Description};axes={string.Join(",", Axes)};keep={KeepDims};split={SplitEvery}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new AggregateExpr<TIn, TOut>((Expr<TIn>)children[0], OpName, Description, Axes, KeepDims, SplitEvery, Chunk, Combine, Aggregate);

    public BlockKeys Lower(GraphLowering lowering)
    {
        var input = lowering.Lower(Child);
        var chunks = new Chunks(Child.Chunks);
        var grid = (int[])input.BlocksPerAxis.Clone();
        var chunk = Chunk;
        var first = TaskFunction.Create<NDArray<TIn>, long[], object>((b, offset) => chunk(b, offset), OpName);
        int level = 0;
        var current = lowering.PerBlockOf(Child, $"{LayerName}-{level++}", grid, block => (first, [TaskArg.Ref(input[block]), TaskArg.Literal(chunks.BlockOffset(block))]), [input]);

        var combine = Combine;
        var merge = TaskFunction.Create<object?[], object>(xs => combine(xs), OpName);
        int perAxis = Axes.Length == 1 ? SplitEvery : Math.Max(2, (int)Math.Floor(Math.Pow(SplitEvery, 1.0 / Axes.Length)));
        while (!Axes.All(a => grid[a] == 1))
        {
            var newGrid = (int[])grid.Clone();
            foreach (var a in Axes)
            {
                newGrid[a] = (grid[a] + perAxis - 1) / perAxis;
            }

            var previous = current;
            var previousGrid = grid;
            current = lowering.PerBlockOf(Child, $"{LayerName}-{level++}", newGrid, block =>
            {
                var members = new List<Key>();
                foreach (var sub in BlockKeys.Enumerate([.. Axes.Select(a => Math.Min(perAxis, previousGrid[a] - (block[a] * perAxis)))]))
                {
                    var source = (int[])block.Clone();
                    for (int i = 0; i < Axes.Length; i++)
                    {
                        source[Axes[i]] = (block[Axes[i]] * perAxis) + sub[i];
                    }

                    members.Add(previous[source]);
                }

                return (merge, [TaskArg.List(members)]);
            }, [previous]);
            grid = newGrid;
        }

        var aggregate = Aggregate;
        var axes = Axes;
        bool keep = KeepDims;
        var finish = TaskFunction.Create<object, NDArray<TOut>>(p => Finish(aggregate(p), axes, keep), OpName);
        var last = current;
        return lowering.PerBlock(this, LayerName, block => (finish, [TaskArg.Ref(last[keep ? block : Expand(block, axes)])]), null, last);
    }

    private static NDArray<TOut> Finish(NDArray<TOut> values, int[] axes, bool keepDims) =>
        keepDims ? values : ChunkKernels<TOut>.DropAxes(values, axes);

    /// <summary>The index of an output block in the grid of partials, where reduced axes are still present (as 0).</summary>
    private int[] Expand(int[] block, int[] axes)
    {
        var full = new int[Child.NDim];
        int k = 0;
        for (int a = 0; a < full.Length; a++)
        {
            full[a] = axes.Contains(a) ? 0 : block[k++];
        }

        return full;
    }

    internal static long[] ReducedShape(Expr child, int[] axes, bool keepDims) =>
        [.. Enumerable.Range(0, child.NDim)
            .Where(a => keepDims || !axes.Contains(a))
            .Select(a => axes.Contains(a) ? 1 : child.Shape[a])];

    internal static long[][] ReducedChunks(Expr child, int[] axes, bool keepDims) =>
        [.. Enumerable.Range(0, child.NDim)
            .Where(a => keepDims || !axes.Contains(a))
            .Select(a => axes.Contains(a) ? [1L] : child.Chunks[a])];
}
