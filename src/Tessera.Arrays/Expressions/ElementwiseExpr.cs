namespace Tessera.Arrays.Expressions;

/// <summary>An elementwise node, whatever its element type (what fusion needs to see).</summary>
internal interface IElementwise
{
    long[] Shape { get; }

    long[][] Chunks { get; }

    Expr[] Inputs { get; }

    BlockKernel Kernel { get; }
}

/// <summary>
/// A block-by-block function of one or more inputs with NumPy broadcasting (inputs aligned on
/// their trailing axes, axes of length one repeated). Chains of these are fused into one node, so
/// one task per block runs the whole chain.
/// </summary>
internal sealed class ElementwiseExpr<TOut> : Expr<TOut>, IElementwise, Optimization.ElementwiseFusion.IFusible
    where TOut : unmanaged
{
    public ElementwiseExpr(Expr[] inputs, long[] shape, long[][] chunks, BlockKernel kernel)
        : base(shape, chunks)
    {
        Inputs = inputs;
        Kernel = kernel;
    }

    public Expr[] Inputs { get; }

    public BlockKernel Kernel { get; }

    public override IReadOnlyList<Expr> Children => Inputs;

    public override string Name => Kernel.Name;

    protected override string Describe() => Kernel.Description;

    // Rewritten children keep their shapes and chunks, so this node keeps its own.
    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        new ElementwiseExpr<TOut>([.. children], Shape, Chunks, Kernel);

    public Expr FuseInputs()
    {
        for (int i = 0; i < Inputs.Length; i++)
        {
            if (Inputs[i] is IElementwise inner && inner.Shape.AsSpan().SequenceEqual(Shape)
                && Arrays.Chunks.Same(inner.Chunks, Chunks))
            {
                var inputs = Inputs.Take(i).Concat(inner.Inputs).Concat(Inputs.Skip(i + 1)).ToArray();
                var kernel = Optimization.ElementwiseFusion.Compose(Kernel, inner.Kernel, i, inner.Inputs.Length);
                return new ElementwiseExpr<TOut>(inputs, Shape, Chunks, kernel).FuseInputs();
            }
        }

        return this;
    }
}
