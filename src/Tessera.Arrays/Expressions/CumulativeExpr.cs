using Tessera.Arrays.Kernels;
using Tessera.Arrays.Lowering;

namespace Tessera.Arrays.Expressions;

/// <summary>
/// A cumulative sum or product along one axis, as Dask computes it: each block is scanned on its own,
/// then a carry runs through the blocks along the axis in order (the last slice of each scanned block
/// combined with the carry before it), and each block after the first gets the carry of the blocks
/// before it added (or multiplied) in. The dtype is the input's; callers convert first (NumPy's
/// accumulator dtypes).
/// </summary>
internal sealed class CumulativeExpr<T> : Expr<T>, ILowersItself
    where T : unmanaged
{
    public CumulativeExpr(Expr<T> child, int axis, bool product)
        : base(child.Shape, child.Chunks)
    {
        Child = child;
        Axis = axis;
        Product = product;
    }

    public Expr<T> Child { get; }

    public int Axis { get; }

    public bool Product { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => Product ? "cumprod" : "cumsum";

    protected override string Describe() => $"axis={Axis}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new CumulativeExpr<T>((Expr<T>)children[0], Axis, Product);

    public BlockKeys Lower(GraphLowering lowering)
    {
        var input = lowering.Lower(Child);
        int axis = Axis;
        bool product = Product;
        var grid = input.BlocksPerAxis;
        var scan = TaskFunction.Create<NDArray<T>, NDArray<T>>(b => ScanKernels.Scan(b, axis, product), Name);
        var scanned = lowering.PerBlockOf(this, $"{LayerName}-scan", grid, block => (scan, [TaskArg.Ref(input[block])]), [input]);
        if (grid[axis] == 1)
        {
            return scanned;
        }

        // carry[k] holds the combined last slices of blocks 0 … k-1 along the axis (k >= 1).
        var carryGrid = (int[])grid.Clone();
        carryGrid[axis] = Math.Max(0, grid[axis] - 1);
        var firstCarry = TaskFunction.Create<NDArray<T>, NDArray<T>>(s => ScanKernels.Carry(null, s, axis, product), Name);
        var nextCarry = TaskFunction.Create<NDArray<T>, NDArray<T>, NDArray<T>>((c, s) => ScanKernels.Carry(c, s, axis, product), Name);
        string carryLayer = $"{LayerName}-carry";
        var carryKeys = new Dictionary<string, Key>(StringComparer.Ordinal);
        var carries = lowering.PerBlockOf(this, carryLayer, carryGrid, block =>
        {
            var source = (int[])block.Clone();
            if (block[axis] == 0)
            {
                return (firstCarry, [TaskArg.Ref(scanned[source])]);
            }

            var before = (int[])block.Clone();
            before[axis]--;
            return (nextCarry, [TaskArg.Ref(GraphLowering.BlockKey(carryLayer, before)), TaskArg.Ref(scanned[source])]);
        }, [scanned]);

        var apply = TaskFunction.Create<NDArray<T>, NDArray<T>, NDArray<T>>((s, c) => ScanKernels.Apply(s, c, product), Name);
        return lowering.PerBlock(
            this,
            LayerName,
            block =>
            {
                if (block[axis] == 0)
                {
                    return null;
                }

                var at = (int[])block.Clone();
                at[axis]--;
                return (apply, [TaskArg.Ref(scanned[block]), TaskArg.Ref(carries[at])]);
            },
            block => scanned[block],
            scanned,
            carries);
    }
}
