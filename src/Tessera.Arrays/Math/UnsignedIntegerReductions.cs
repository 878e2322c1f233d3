using System.Numerics;

namespace Tessera.Arrays;

/// <summary>Sum, Prod, CumSum and CumProd of unsigned integer arrays (uint8 … uint64), with NumPy's accumulator dtype: uint64.</summary>
public static class UnsignedIntegerReductions
{
    extension<T>(DArray<T> x)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        /// <summary>The sum (in uint64, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null, as a tree reduction.</summary>
        /// <param name="axis">The axis (negative counts from the end); null sums everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<ulong> Sum(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Sum<ulong>(axis, keepDims, splitEvery);

        /// <summary>The sum (in uint64) over several axes.</summary>
        /// <param name="axes">The axes (negative counts from the end).</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<ulong> Sum(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Sum<ulong>(axes, keepDims, splitEvery);

        /// <summary>The product (in uint64, as NumPy) over one axis, or all axes when <paramref name="axis"/> is null.</summary>
        /// <param name="axis">The axis; null reduces everything.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<ulong> Prod(int? axis = null, bool keepDims = false, int splitEvery = 4) => x.Prod<ulong>(axis, keepDims, splitEvery);

        /// <summary>The product (in uint64) over several axes.</summary>
        /// <param name="axes">The axes.</param>
        /// <param name="keepDims">Whether reduced axes stay as axes of length 1; the default is false.</param>
        /// <param name="splitEvery">How many partial results one task combines; the default is 4.</param>
        public DArray<ulong> Prod(int[] axes, bool keepDims = false, int splitEvery = 4) => x.Prod<ulong>(axes, keepDims, splitEvery);

        /// <summary>The cumulative sum (in uint64, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<ulong> CumSum(int axis) => x.AsType<ulong>().Cumulative(axis, product: false);

        /// <summary>The cumulative product (in uint64, as NumPy) along <paramref name="axis"/>, carried across blocks in order.</summary>
        /// <param name="axis">The axis (negative counts from the end).</param>
        public DArray<ulong> CumProd(int axis) => x.AsType<ulong>().Cumulative(axis, product: true);
    }
}
