using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>
    /// The sum accumulated and returned in dtype <typeparamref name="TAcc"/> (NumPy's <c>sum(dtype=…)</c>), over one
    /// axis or all axes when <paramref name="axis"/> is null, as a tree reduction. <c>x.Sum()</c> without a dtype
    /// picks NumPy's: int64 for bool and signed integers, uint64 for unsigned ones, the dtype itself for floats.
    /// </summary>
    /// <typeparam name="TAcc">The accumulator and result dtype.</typeparam>
    /// <param name="axis">The axis (negative counts from the end); null sums everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<TAcc> Sum<TAcc>(int? axis = null, bool keepDims = false, int splitEvery = 4)
        where TAcc : unmanaged => Accumulate<TAcc>(ReductionKind.Sum, One(axis), keepDims, splitEvery);

    /// <summary>The sum over several axes, accumulated and returned in dtype <typeparamref name="TAcc"/>.</summary>
    /// <typeparam name="TAcc">The accumulator and result dtype.</typeparam>
    /// <param name="axes">The axes (negative counts from the end).</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<TAcc> Sum<TAcc>(int[] axes, bool keepDims = false, int splitEvery = 4)
        where TAcc : unmanaged => Accumulate<TAcc>(ReductionKind.Sum, axes, keepDims, splitEvery);

    /// <summary>The product accumulated and returned in dtype <typeparamref name="TAcc"/>, over one axis or all.</summary>
    /// <typeparam name="TAcc">The accumulator and result dtype.</typeparam>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<TAcc> Prod<TAcc>(int? axis = null, bool keepDims = false, int splitEvery = 4)
        where TAcc : unmanaged => Accumulate<TAcc>(ReductionKind.Prod, One(axis), keepDims, splitEvery);

    /// <summary>The product over several axes, accumulated and returned in dtype <typeparamref name="TAcc"/>.</summary>
    /// <typeparam name="TAcc">The accumulator and result dtype.</typeparam>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<TAcc> Prod<TAcc>(int[] axes, bool keepDims = false, int splitEvery = 4)
        where TAcc : unmanaged => Accumulate<TAcc>(ReductionKind.Prod, axes, keepDims, splitEvery);

    /// <summary>The minimum over one axis, or all axes when <paramref name="axis"/> is null.</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<T> Min(int? axis = null, bool keepDims = false, int splitEvery = 4) => Reduce(ReductionKind.Min, One(axis), keepDims, splitEvery);

    /// <summary>The minimum over several axes.</summary>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<T> Min(int[] axes, bool keepDims = false, int splitEvery = 4) => Reduce(ReductionKind.Min, axes, keepDims, splitEvery);

    /// <summary>The maximum over one axis, or all axes when <paramref name="axis"/> is null.</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<T> Max(int? axis = null, bool keepDims = false, int splitEvery = 4) => Reduce(ReductionKind.Max, One(axis), keepDims, splitEvery);

    /// <summary>The maximum over several axes.</summary>
    /// <param name="axes">The axes.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
    public DArray<T> Max(int[] axes, bool keepDims = false, int splitEvery = 4) => Reduce(ReductionKind.Max, axes, keepDims, splitEvery);

    /// <summary>Whether any element is non-zero (true), over one axis or all.</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    public DArray<bool> Any(int? axis = null, bool keepDims = false) => AsBool().Reduce(ReductionKind.Any, One(axis), keepDims, 4);

    /// <summary>Whether every element is non-zero (true), over one axis or all.</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    public DArray<bool> All(int? axis = null, bool keepDims = false) => AsBool().Reduce(ReductionKind.All, One(axis), keepDims, 4);

    /// <summary>The arithmetic mean (float64) over one axis, or all axes when <paramref name="axis"/> is null.</summary>
    /// <param name="axis">The axis; null reduces everything.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    public DArray<double> Mean(int? axis = null, bool keepDims = false) => Mean(One(axis), keepDims);

    /// <summary>The arithmetic mean (float64) over several axes.</summary>
    /// <param name="axes">The axes, or null for all.</param>
    /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
    public DArray<double> Mean(int[]? axes, bool keepDims = false)
    {
        var resolved = Axes.ResolveMany(axes, NDim, "DArray.Mean");
        double count = resolved.Aggregate(1.0, (n, a) => n * Expr.Shape[a]);
        return AsType<double>().Sum<double>(resolved, keepDims) / count;
    }

    private DArray<TAcc> Accumulate<TAcc>(ReductionKind kind, int[]? axes, bool keepDims, int splitEvery)
        where TAcc : unmanaged
    {
        DArray.RequireNumeric<TAcc>(kind.ToString());
        if (typeof(T) != typeof(bool))
        {
            DArray.RequireNumeric<T>(kind.ToString());
        }

        return AsType<TAcc>().Reduce(kind, axes, keepDims, splitEvery);
    }

    /// <summary>A cumulative sum or product along <paramref name="axis"/> in this array's dtype (callers pick NumPy's accumulator first).</summary>
    internal DArray<T> Cumulative(int axis, bool product)
    {
        string operation = product ? "CumProd" : "CumSum";
        DArray.RequireNumeric<T>(operation);
        return new DArray<T>(new CumulativeExpr<T>(Expr, Axes.Resolve(axis, NDim, $"DArray.{operation}"), product));
    }

    internal static int[]? One(int? axis) => axis is { } a ? [a] : null;

    private DArray<bool> AsBool() =>
        typeof(T) == typeof(bool)
            ? (DArray<bool>)(object)this
            : new DArray<bool>(new ElementwiseExpr<bool>([Expr], Expr.Shape, Expr.Chunks,
                new BlockKernel("ne", "0", xs => ((NDArray<T>)xs[0]).AsType<bool>())));

    private DArray<T> Reduce(ReductionKind kind, int[]? axes, bool keepDims, int splitEvery)
    {
        string operation = $"DArray.{kind}";
        if (splitEvery < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(splitEvery), splitEvery, $"{operation}: splitEvery must be at least 2.");
        }

        var resolved = Axes.ResolveMany(axes, NDim, operation);
        if (resolved.Length == 0)
        {
            return this;
        }

        if (kind is ReductionKind.Min or ReductionKind.Max && resolved.Any(a => Expr.Shape[a] == 0))
        {
            throw new ArgumentException(
                $"{operation}: the array of shape {Shapes.Format(Expr.Shape)} has no elements along the reduced axes, and a " +
                $"{kind.ToString().ToLowerInvariant()} of nothing has no value (NumPy raises too); reduce a non-empty selection.");
        }

        return new DArray<T>(new ReductionExpr<T>(Expr, kind, resolved, keepDims, splitEvery));
    }
}
