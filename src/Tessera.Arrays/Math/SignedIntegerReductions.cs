using System.Numerics;

namespace Tessera.Arrays;

/// <summary>Sum, Prod, CumSum and CumProd of signed integer arrays (int8 … int64), with NumPy's accumulator dtype: int64.</summary>
public static class SignedIntegerReductions
{
    extension<T>(DArray<T> x)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
    {
        /// <summary>The sum (in int64, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null, as a tree reduction.</summary>
        /// <param name="axis">The axis (negative counts from the end); null sums everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<long> Sum(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Sum<long>(axis, keepDims, splitEvery);

        /// <summary>The sum (in int64) over several axes.</summary>
        /// <param name="axes">The axes (negative counts from the end).</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<long> Sum(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Sum<long>(axes, keepDims, splitEvery);

        /// <summary>The product (in int64, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null.</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<long> Prod(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Prod<long>(axis, keepDims, splitEvery);

        /// <summary>The product (in int64) over several axes.</summary>
        /// <param name="axes">The axes.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<long> Prod(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Prod<long>(axes, keepDims, splitEvery);

        /// <summary>The cumulative sum (in int64, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<long> CumSum(int axis) => x.AsType<long>().Cumulative(axis, product: false);

        /// <summary>The cumulative product (in int64, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<long> CumProd(int axis) => x.AsType<long>().Cumulative(axis, product: true);
    }
}
