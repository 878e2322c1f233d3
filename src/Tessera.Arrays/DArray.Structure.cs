using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>Joins arrays of one shape along a new axis (one block per array along it).</summary>
    /// <param name="arrays">The arrays, all of one shape; their chunks are aligned to the first one's.</param>
    /// <param name="axis">Where the new axis goes (negative counts from the end); the default is 0.</param>
    public static DArray<T> Stack<T>(IEnumerable<DArray<T>> arrays, int axis = 0)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var items = arrays.ToArray();
        if (items.Length == 0)
        {
            throw new ArgumentException("DArray.Stack: no arrays were given; pass at least one.", nameof(arrays));
        }

        var first = items[0];
        int ndim = first.NDim;
        int resolved = Axes.Resolve(axis, ndim + 1, "DArray.Stack");
        for (int i = 1; i < items.Length; i++)
        {
            if (!items[i].Expr.Shape.AsSpan().SequenceEqual(first.Expr.Shape))
            {
                throw new ArgumentException(
                    $"DArray.Stack: array {i} has shape {PyTuple.Format(items[i].Shape)} but array 0 has shape {PyTuple.Format(first.Shape)}; " +
                    "stacked arrays must all have the same shape.", nameof(arrays));
            }
        }

        var aligned = items.Select(a => a.WithChunks(first.Expr.Chunks).Expr).ToArray();
        return new DArray<T>(new StackExpr<T>(aligned, resolved));
    }

    /// <summary>Joins arrays end to end along an existing axis; their blocks are reused as they are.</summary>
    /// <param name="arrays">The arrays: same number of axes, same lengths except along <paramref name="axis"/>.</param>
    /// <param name="axis">The axis to join along (negative counts from the end); the default is 0.</param>
    public static DArray<T> Concatenate<T>(IEnumerable<DArray<T>> arrays, int axis = 0)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var items = arrays.ToArray();
        if (items.Length == 0)
        {
            throw new ArgumentException("DArray.Concatenate: no arrays were given; pass at least one.", nameof(arrays));
        }

        var first = items[0];
        int resolved = Axes.Resolve(axis, first.NDim, "DArray.Concatenate");
        for (int i = 1; i < items.Length; i++)
        {
            var shape = items[i].Expr.Shape;
            bool fits = shape.Length == first.NDim && Enumerable.Range(0, shape.Length).All(a => a == resolved || shape[a] == first.Expr.Shape[a]);
            if (!fits)
            {
                throw new ArgumentException(
                    $"DArray.Concatenate: array {i} has shape {PyTuple.Format(shape)} but array 0 has shape {PyTuple.Format(first.Shape)}; " +
                    $"the arrays must match on every axis except axis {resolved}.", nameof(arrays));
            }
        }

        // Items empty along the axis add nothing, and their zero-size chunk would not tile a non-empty axis.
        var nonEmpty = items.Where(a => a.Expr.Shape[resolved] > 0).ToArray();
        items = nonEmpty.Length == 0 ? [first] : nonEmpty;
        if (items.Length == 1)
        {
            return items[0];
        }

        var aligned = items.Select(a =>
        {
            var chunks = (long[][])first.Expr.Chunks.Clone();
            chunks[resolved] = a.Expr.Chunks[resolved];
            return a.WithChunks(chunks).Expr;
        }).ToArray();
        return new DArray<T>(new ConcatenateExpr<T>(aligned, resolved));
    }
}
