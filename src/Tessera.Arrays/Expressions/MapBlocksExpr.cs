namespace Tessera.Arrays.Expressions;

/// <summary>A user function applied to each block; the result blocks must have the declared chunks.</summary>
internal sealed class MapBlocksExpr<TIn, TOut> : Expr<TOut>, Lowering.ILowersItself
    where TIn : unmanaged
    where TOut : unmanaged
{
    public MapBlocksExpr(Expr<TIn> child, Func<NDArray<TIn>, NDArray<TOut>> function, string functionToken, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Child = child;
        Function = function;
        FunctionToken = functionToken;
    }

    public Expr<TIn> Child { get; }

    public Func<NDArray<TIn>, NDArray<TOut>> Function { get; }

    public string FunctionToken { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => "map-blocks";

    protected override string Describe() => FunctionToken;

    public Lowering.BlockKeys Lower(Lowering.GraphLowering lowering)
    {
        var input = lowering.Lower(Child);
        var user = Function;
        var chunks = new Chunks(Chunks);
        var run = TaskFunction.Create<NDArray<TIn>, long[], NDArray<TOut>>(
            (block, shape) => Lowering.ChunkKernels<TOut>.CheckBlock(user(block), shape, "DArray.MapBlocks", "the function's result"),
            "map-blocks");
        return lowering.PerBlock(this, LayerName, block => (run, [TaskArg.Ref(input[block]), TaskArg.Literal(chunks.BlockShape(block))]), null, input);
    }

    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new MapBlocksExpr<TIn, TOut>((Expr<TIn>)children[0], Function, FunctionToken, Shape, Chunks);
}
