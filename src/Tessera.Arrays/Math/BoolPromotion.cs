namespace Tessera.Arrays;

/// <summary>
/// Arithmetic of bool arrays with arrays (and double scalars) of other dtypes, giving NumPy's result
/// dtype; the rules for every accepted pair are in docs/decisions.md ("dtype promotion").
/// </summary>
public static class BoolPromotion
{
    extension(DArray<bool>)
    {
        /// <summary>The elementwise sum of bool and int32 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator +(DArray<bool> left, DArray<int> right) => Promotion.Arrays<bool, int, int>(left, right, '+');

        /// <summary>The elementwise sum of int32 and bool arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator +(DArray<int> left, DArray<bool> right) => Promotion.Arrays<int, bool, int>(left, right, '+');

        /// <summary>The elementwise product of bool and int32 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator *(DArray<bool> left, DArray<int> right) => Promotion.Arrays<bool, int, int>(left, right, '*');

        /// <summary>The elementwise product of int32 and bool arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator *(DArray<int> left, DArray<bool> right) => Promotion.Arrays<int, bool, int>(left, right, '*');

        /// <summary>The elementwise sum of bool and int64 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator +(DArray<bool> left, DArray<long> right) => Promotion.Arrays<bool, long, long>(left, right, '+');

        /// <summary>The elementwise sum of int64 and bool arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator +(DArray<long> left, DArray<bool> right) => Promotion.Arrays<long, bool, long>(left, right, '+');

        /// <summary>The elementwise product of bool and int64 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator *(DArray<bool> left, DArray<long> right) => Promotion.Arrays<bool, long, long>(left, right, '*');

        /// <summary>The elementwise product of int64 and bool arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator *(DArray<long> left, DArray<bool> right) => Promotion.Arrays<long, bool, long>(left, right, '*');

        /// <summary>The elementwise sum of bool and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<bool> left, DArray<double> right) => Promotion.Arrays<bool, double, double>(left, right, '+');

        /// <summary>The elementwise sum of float64 and bool arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<double> left, DArray<bool> right) => Promotion.Arrays<double, bool, double>(left, right, '+');

        /// <summary>The elementwise product of bool and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<bool> left, DArray<double> right) => Promotion.Arrays<bool, double, double>(left, right, '*');

        /// <summary>The elementwise product of float64 and bool arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<double> left, DArray<bool> right) => Promotion.Arrays<double, bool, double>(left, right, '*');

        /// <summary>The elementwise quotient of bool and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<bool> left, DArray<double> right) => Promotion.Arrays<bool, double, double>(left, right, '/');

        /// <summary>The elementwise quotient of float64 and bool arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<double> left, DArray<bool> right) => Promotion.Arrays<double, bool, double>(left, right, '/');
    }
}
