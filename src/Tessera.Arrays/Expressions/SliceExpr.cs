using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Expressions;

/// <summary>A selection (ints, ranges, steps) of a child; integer-indexed axes leave the result.</summary>
internal sealed class SliceExpr<T> : Expr<T>, Optimization.SlicePushdown.ISliceNode
    where T : unmanaged
{
    public SliceExpr(Expr<T> child, AxisSelection[] slices)
        : base(SliceShape(slices), SliceChunks(child.Chunks, slices))
    {
        Child = child;
        Slices = slices;
    }

    public Expr<T> Child { get; }

    public AxisSelection[] Slices { get; }

    public override IReadOnlyList<Expr> Children => [Child];

    public override string Name => "getitem";

    protected override string Describe() => string.Join(",", Slices);

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new SliceExpr<T>((Expr<T>)children[0], Slices);

    public Expr Push(Optimization.SlicePushdown.Rewriter rewriter) => rewriter.PushSlice(this);

    public SlicePiece[][] PlanPieces()
    {
        var pieces = new SlicePiece[Slices.Length][];
        for (int axis = 0; axis < Slices.Length; axis++)
        {
            pieces[axis] = SlicePlanner.PlanAxis(Child.Chunks[axis], Slices[axis]);
        }

        return pieces;
    }

    private static long[] SliceShape(AxisSelection[] slices) =>
        [.. slices.Where(s => !s.Drop).Select(s => s.Length)];

    public static long[][] SliceChunks(long[][] childChunks, AxisSelection[] slices)
    {
        var chunks = new List<long[]>();
        for (int axis = 0; axis < slices.Length; axis++)
        {
            if (slices[axis].Drop)
            {
                continue;
            }

            var pieces = SlicePlanner.PlanAxis(childChunks[axis], slices[axis]);
            chunks.Add(pieces.Length == 0 ? [0] : SlicePlanner.OutputChunks(pieces, false));
        }

        return [.. chunks];
    }
}
