using Tessera.Arrays.Expressions;
using Tessera.Arrays.Slicing;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>
    /// A lazy selection: ints (<c>0</c>, <c>^1</c>) drop their axis, ranges (<c>..</c>, <c>1..^1</c>)
    /// and <see cref="SliceSpec.Range"/> with a step keep it; missing trailing axes are taken whole.
    /// Only the blocks (and, inside them, the elements) the selection needs are computed.
    /// </summary>
    /// <param name="index">One selection per leading axis.</param>
    public DArray<T> this[params SliceSpec[] index]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(index);
            if (index.Length > NDim)
            {
                throw new ArgumentException(
                    $"DArray indexing: {index.Length} selections given for an array of shape {PyTuple.Format(Expr.Shape)}; expected at most {NDim}.",
                    nameof(index));
            }

            var selection = new AxisSelection[NDim];
            bool whole = true;
            for (int axis = 0; axis < NDim; axis++)
            {
                var spec = axis < index.Length ? index[axis] : SliceSpec.All;
                long n = Expr.Shape[axis];
                if (spec.IsIndex && (spec.Start < -n || spec.Start >= n))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(index),
                        spec.Start,
                        $"DArray indexing: index {spec.Start} is out of bounds for axis {axis} with size {n} (shape {PyTuple.Format(Expr.Shape)}); expected -{n} <= index < {n}.");
                }

                var (first, count, step) = spec.Resolve(n, axis, Expr.Shape);
                selection[axis] = spec.IsIndex
                    ? AxisSelection.Index(first)
                    : AxisSelection.Of(first, count, step);
                whole &= selection[axis].IsFull(n);
            }

            return whole ? this : new DArray<T>(new SliceExpr<T>(Expr, selection));
        }
    }
}
