namespace Tessera.Arrays.Expressions;

/// <summary>A user function applied to each block with the block's place in the input (dask's map_blocks with block_info).</summary>
internal sealed class MapBlocksInfoExpr<TIn, TOut> : Expr<TOut>, Lowering.ILowersItself
    where TIn : unmanaged
    where TOut : unmanaged
{
    public MapBlocksInfoExpr(Expr<TIn> child, Func<NDArray<TIn>, BlockInfo, NDArray<TOut>> function, string functionToken, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Child = child;
        Function = function;
        FunctionToken = functionToken;
    }

    public Expr<TIn> Child { get; }

    public Func<NDArray<TIn>, BlockInfo, NDArray<TOut>> Function { get; }

    public string FunctionToken { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => "map-blocks";

    protected override string Describe() => FunctionToken;

    public Lowering.BlockKeys Lower(Lowering.GraphLowering lowering)
    {
        var input = lowering.Lower(Child);
        var user = Function;
        var inChunks = new Chunks(Child.Chunks);
        var outChunks = new Chunks(Chunks);
        var run = TaskFunction.Create<NDArray<TIn>, BlockInfo, long[], NDArray<TOut>>(
            (block, info, shape) => Lowering.ChunkKernels<TOut>.CheckBlock(user(block, info), shape, "DArray.MapBlocks", "the function's result"),
            "map-blocks");
        return lowering.PerBlock(this, LayerName, block =>
            (run, [TaskArg.Ref(input[block]), TaskArg.Literal(new BlockInfo(block, inChunks.BlockOffset(block), inChunks.BlockShape(block))), TaskArg.Literal(outChunks.BlockShape(block))]),
            null, input);
    }

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new MapBlocksInfoExpr<TIn, TOut>((Expr<TIn>)children[0], Function, FunctionToken, Shape, Chunks);
}
