using Tessera.Arrays.Expressions;
using Tessera.Arrays.Kernels;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>
    /// The variance (float64) over one axis, or all axes when <paramref name="axis"/> is null: per block
    /// (count, mean, M2), merged with Chan's parallel formula, so a large mean costs no precision.
    /// </summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="ddof">Delta degrees of freedom: the divisor is N - ddof; the default is 0 (NumPy's).</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<double> Var(int? axis = null, double ddof = 0, bool keepDims = false, int splitEvery = 4) =>
        Moments(One(axis), ddof, keepDims, splitEvery, std: false);

    /// <summary>The variance (float64) over several axes.</summary>
    /// <param name="axes">The axes, or null for all.</param>
    /// <param name="ddof">Delta degrees of freedom: the divisor is N - ddof; the default is 0.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<double> Var(int[]? axes, double ddof = 0, bool keepDims = false, int splitEvery = 4) =>
        Moments(axes, ddof, keepDims, splitEvery, std: false);

    /// <summary>The standard deviation (float64) over one axis, or all axes when <paramref name="axis"/> is null (see <see cref="Var(int?, double, bool, int)"/>).</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="ddof">Delta degrees of freedom: the divisor is N - ddof; the default is 0 (NumPy's).</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<double> Std(int? axis = null, double ddof = 0, bool keepDims = false, int splitEvery = 4) =>
        Moments(One(axis), ddof, keepDims, splitEvery, std: true);

    /// <summary>The standard deviation (float64) over several axes.</summary>
    /// <param name="axes">The axes, or null for all.</param>
    /// <param name="ddof">Delta degrees of freedom: the divisor is N - ddof; the default is 0.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<double> Std(int[]? axes, double ddof = 0, bool keepDims = false, int splitEvery = 4) =>
        Moments(axes, ddof, keepDims, splitEvery, std: true);

    /// <summary>
    /// The int64 index of the first minimum along <paramref name="axis"/>, or into the flattened array
    /// when it is null (NumPy's <c>argmin</c>; NaN counts as the minimum). Indices are global, not per block.
    /// </summary>
    /// <param name="axis">The axis; null for the flat index over all axes.</param>
    /// <param name="keepDims">Whether the axis stays with length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<long> ArgMin(int? axis = null, bool keepDims = false, int splitEvery = 4) => Arg(axis, keepDims, splitEvery, max: false);

    /// <summary>
    /// The int64 index of the first maximum along <paramref name="axis"/>, or into the flattened array
    /// when it is null (NumPy's <c>argmax</c>; NaN counts as the maximum). Indices are global, not per block.
    /// </summary>
    /// <param name="axis">The axis; null for the flat index over all axes.</param>
    /// <param name="keepDims">Whether the axis stays with length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<long> ArgMax(int? axis = null, bool keepDims = false, int splitEvery = 4) => Arg(axis, keepDims, splitEvery, max: true);

    /// <summary>The number of non-zero (true) elements, as int64, over one axis or all (NumPy's <c>count_nonzero</c>).</summary>
    /// <param name="axis">The axis; null counts everything.</param>
    /// <param name="keepDims">Whether the reduced axes stay with length 1; the default is false.</param>
    public DArray<long> CountNonZero(int? axis = null, bool keepDims = false) =>
        (typeof(T) == typeof(bool) ? (DArray<bool>)(object)this : NotEqual(default(T))).Sum<long>(axis, keepDims);

    private DArray<double> Moments(int[]? axes, double ddof, bool keepDims, int splitEvery, bool std)
    {
        string operation = std ? "DArray.Std" : "DArray.Var";
        DArray.RequireNumeric<T>(std ? "Std" : "Var");
        CheckSplit(splitEvery, operation);
        var resolved = Axes.ResolveMany(axes, NDim, operation);
        var reduce = resolved;
        return new DArray<double>(new AggregateExpr<T, double>(
            Expr,
            std ? "std" : "var",
            $"ddof={ddof}",
            resolved,
            keepDims,
            splitEvery,
            (block, _) => MomentKernels.Chunk(block, reduce),
            static parts => MomentKernels.Combine(parts),
            partial => MomentKernels.Finish(partial, ddof, std)));
    }

    private DArray<long> Arg(int? axis, bool keepDims, int splitEvery, bool max)
    {
        string operation = max ? "DArray.ArgMax" : "DArray.ArgMin";
        if (typeof(T) == typeof(bool))
        {
            return AsType<byte>().Arg(axis, keepDims, splitEvery, max);
        }

        DArray.RequireNumeric<T>(max ? "ArgMax" : "ArgMin");
        CheckSplit(splitEvery, operation);
        if (Size == 0)
        {
            throw new ArgumentException($"{operation}: the array of shape {Shapes.Format(Expr.Shape)} is empty; an empty sequence has no {(max ? "maximum" : "minimum")}.");
        }

        int? resolvedAxis = axis is { } a ? Axes.Resolve(a, NDim, operation) : null;
        var axes = resolvedAxis is { } r ? new[] { r } : [.. Enumerable.Range(0, NDim)];
        var shape = Expr.Shape;
        return new DArray<long>(new AggregateExpr<T, long>(
            Expr,
            max ? "argmax" : "argmin",
            $"axis={resolvedAxis?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}",
            axes,
            keepDims,
            splitEvery,
            (block, offset) => ArgKernels.Chunk(block, offset, shape, resolvedAxis, max),
            parts => ArgKernels.Combine<T>(parts, max),
            static partial => ArgKernels.Finish(partial)));
    }

    private static void CheckSplit(int splitEvery, string operation)
    {
        if (splitEvery < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(splitEvery), splitEvery, $"{operation}: splitEvery must be at least 2.");
        }
    }
}
