using System.Numerics;

namespace Tessera.Arrays;

/// <summary>Sum, Prod, CumSum and CumProd of floating-point arrays, with NumPy's accumulator dtype: the array's own dtype.</summary>
public static class FloatReductions
{
    extension<T>(DArray<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sum (in the array's own dtype, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null, as a tree reduction.</summary>
        /// <param name="axis">The axis (negative counts from the end); null sums everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<T> Sum(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Sum<T>(axis, keepDims, splitEvery);

        /// <summary>The sum (in the array's own dtype) over several axes.</summary>
        /// <param name="axes">The axes (negative counts from the end).</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<T> Sum(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Sum<T>(axes, keepDims, splitEvery);

        /// <summary>The product (in the array's own dtype, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null.</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<T> Prod(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Prod<T>(axis, keepDims, splitEvery);

        /// <summary>The product (in the array's own dtype) over several axes.</summary>
        /// <param name="axes">The axes.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<T> Prod(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Prod<T>(axes, keepDims, splitEvery);

        /// <summary>The cumulative sum (in the array's own dtype, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<T> CumSum(int axis) => x.AsType<T>().Cumulative(axis, product: false);

        /// <summary>The cumulative product (in the array's own dtype, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<T> CumProd(int axis) => x.AsType<T>().Cumulative(axis, product: true);
        /// <summary>The sum treating NaN as zero (NumPy's <c>nansum</c>), over one axis or all.</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        public DArray<T> NanSum(int? axis = null, bool keepDims = false) =>
            DArray.Where(DArray.IsNaN(x), T.Zero, x).Sum<T>(axis, keepDims);

        /// <summary>The mean (float64) of the non-NaN elements (NumPy's <c>nanmean</c>; NaN where all are NaN).</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        public DArray<double> NanMean(int? axis = null, bool keepDims = false)
        {
            var valid = !DArray.IsNaN(x);
            var sum = DArray.Where(valid, x.AsType<double>(), 0.0).Sum<double>(axis, keepDims);
            return sum / valid.Sum<long>(axis, keepDims).AsType<double>();
        }

        /// <summary>The minimum ignoring NaN (NumPy's <c>nanmin</c>; NaN where all are NaN).</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        public DArray<T> NanMin(int? axis = null, bool keepDims = false) => NanExtreme(x, axis, keepDims, max: false);

        /// <summary>The maximum ignoring NaN (NumPy's <c>nanmax</c>; NaN where all are NaN).</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        public DArray<T> NanMax(int? axis = null, bool keepDims = false) => NanExtreme(x, axis, keepDims, max: true);
    }

    private static DArray<T> NanExtreme<T>(DArray<T> x, int? axis, bool keepDims, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var nan = DArray.IsNaN(x);
        var filled = DArray.Where(nan, max ? T.NegativeInfinity : T.PositiveInfinity, x);
        var extreme = max ? filled.Max(axis, keepDims) : filled.Min(axis, keepDims);
        return DArray.Where(nan.All(axis, keepDims), T.NaN, extreme);
    }
}
