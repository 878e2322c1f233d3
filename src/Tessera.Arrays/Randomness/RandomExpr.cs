using Tessera.Arrays.Expressions;
using Tessera.Arrays.Lowering;

namespace Tessera.Arrays.Randomness;

/// <summary>A random array: one task per block, each computing its elements from the seed and their global indices.</summary>
internal sealed class RandomExpr<T> : Expr<T>, ILowersItself
    where T : unmanaged
{
    public RandomExpr(RandomSpec spec, long[] shape, long[][] chunks)
        : base(shape, chunks)
    {
        Spec = spec;
    }

    public RandomSpec Spec { get; }

    public override IReadOnlyList<Expr> Children => [];

    public override string Name => Spec.Kind.ToString().ToLowerInvariant();

    protected override string Describe() =>
        $"{Spec.Describe()};{string.Join(",", Shape)};{string.Join(";", Chunks.Select(c => string.Join(",", c)))}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public BlockKeys Lower(GraphLowering lowering)
    {
        var spec = Spec;
        var shape = Shape;
        var chunks = new Chunks(Chunks);
        var make = TaskFunction.Create<long[], long[], NDArray<T>>((offset, blockShape) => RandomKernels.Block<T>(spec, shape, offset, blockShape), Name);
        return lowering.PerBlock(this, LayerName, block => (make, [TaskArg.Literal(chunks.BlockOffset(block)), TaskArg.Literal(chunks.BlockShape(block))]), null);
    }
}
