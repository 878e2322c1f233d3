using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Expressions;

/// <summary>
/// Blocks read from storage by a user function that reads any rectangular region of a source array (a file, a
/// dataset). A selection pushed down to it narrows <see cref="Selection"/>, so each block task reads only the
/// part of the source it needs, not the whole stored chunk.
/// </summary>
internal sealed class RegionSourceExpr<T> : Expr<T>
    where T : unmanaged
{
    public RegionSourceExpr(Func<long[], long[], NDArray<T>> read, string readToken, string name, long[] sourceShape, AxisSelection[] selection, long[][] chunks)
        : base([.. selection.Where(s => !s.Drop).Select(s => s.Length)], chunks)
    {
        Read = read;
        ReadToken = readToken;
        Name = name;
        SourceShape = sourceShape;
        Selection = selection;
    }

    /// <summary>Reads the region at (offset, shape) of the source, in source coordinates.</summary>
    public Func<long[], long[], NDArray<T>> Read { get; }

    public string ReadToken { get; }

    public override string Name { get; }

    /// <summary>The shape of the whole source.</summary>
    public long[] SourceShape { get; }

    /// <summary>Which elements of the source this array holds, one entry per source axis.</summary>
    public AxisSelection[] Selection { get; }

    public override IReadOnlyList<Expr> Children => [];

    protected override string Describe() =>
        $"{ReadToken};{string.Join(",", SourceShape)};{string.Join(",", Selection)};{string.Join(";", Chunks.Select(c => string.Join(",", c)))}";

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    /// <summary>This source narrowed by <paramref name="slices"/> (one per axis of this array); blocks keep their boundaries.</summary>
    public RegionSourceExpr<T> Select(AxisSelection[] slices)
    {
        var composed = new AxisSelection[Selection.Length];
        int o = 0;
        for (int a = 0; a < Selection.Length; a++)
        {
            composed[a] = Selection[a].Drop ? Selection[a] : Selection[a].Then(slices[o++]);
        }

        return new RegionSourceExpr<T>(Read, ReadToken, Name, SourceShape, composed, SliceExpr<T>.SliceChunks(Chunks, slices));
    }

    /// <summary>
    /// For the block starting at <paramref name="offset"/> with <paramref name="shape"/> (in this array's
    /// coordinates): the bounding box to read from the source, and the selection inside that box.
    /// </summary>
    public (long[] Offset, long[] Shape, AxisSelection[] Local) BlockRegion(long[] offset, long[] shape)
    {
        var boxOffset = new long[Selection.Length];
        var boxShape = new long[Selection.Length];
        var local = new AxisSelection[Selection.Length];
        int o = 0;
        for (int a = 0; a < Selection.Length; a++)
        {
            var s = Selection[a];
            if (s.Drop)
            {
                boxOffset[a] = s.Start;
                boxShape[a] = 1;
                local[a] = AxisSelection.Index(0);
                continue;
            }

            long first = s.Start + (offset[o] * s.Step);
            long n = shape[o];
            o++;
            long span = n == 0 ? 0 : ((n - 1) * Math.Abs(s.Step)) + 1;
            boxOffset[a] = s.Step > 0 ? first : first - span + 1;
            boxShape[a] = span;
            local[a] = AxisSelection.Of(s.Step > 0 ? 0 : span - 1, n, s.Step);
            if (n == 0)
            {
                boxOffset[a] = 0;
                local[a] = AxisSelection.Full(0);
            }
        }

        return (boxOffset, boxShape, local);
    }
}
