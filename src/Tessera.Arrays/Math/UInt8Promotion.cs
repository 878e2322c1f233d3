namespace Tessera.Arrays;

/// <summary>
/// Arithmetic of uint8 arrays with arrays (and double scalars) of other dtypes, giving NumPy's result
/// dtype; the rules for every accepted pair are in docs/decisions.md ("dtype promotion").
/// </summary>
public static class UInt8Promotion
{
    extension(DArray<byte>)
    {
        /// <summary>The elementwise sum of uint8 and int32 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator +(DArray<byte> left, DArray<int> right) => Promotion.Arrays<byte, int, int>(left, right, '+');

        /// <summary>The elementwise sum of int32 and uint8 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator +(DArray<int> left, DArray<byte> right) => Promotion.Arrays<int, byte, int>(left, right, '+');

        /// <summary>The elementwise difference of uint8 and int32 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator -(DArray<byte> left, DArray<int> right) => Promotion.Arrays<byte, int, int>(left, right, '-');

        /// <summary>The elementwise difference of int32 and uint8 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator -(DArray<int> left, DArray<byte> right) => Promotion.Arrays<int, byte, int>(left, right, '-');

        /// <summary>The elementwise product of uint8 and int32 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator *(DArray<byte> left, DArray<int> right) => Promotion.Arrays<byte, int, int>(left, right, '*');

        /// <summary>The elementwise product of int32 and uint8 arrays, in int32 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<int> operator *(DArray<int> left, DArray<byte> right) => Promotion.Arrays<int, byte, int>(left, right, '*');

        /// <summary>The elementwise sum of uint8 and int64 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator +(DArray<byte> left, DArray<long> right) => Promotion.Arrays<byte, long, long>(left, right, '+');

        /// <summary>The elementwise sum of int64 and uint8 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator +(DArray<long> left, DArray<byte> right) => Promotion.Arrays<long, byte, long>(left, right, '+');

        /// <summary>The elementwise difference of uint8 and int64 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator -(DArray<byte> left, DArray<long> right) => Promotion.Arrays<byte, long, long>(left, right, '-');

        /// <summary>The elementwise difference of int64 and uint8 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator -(DArray<long> left, DArray<byte> right) => Promotion.Arrays<long, byte, long>(left, right, '-');

        /// <summary>The elementwise product of uint8 and int64 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator *(DArray<byte> left, DArray<long> right) => Promotion.Arrays<byte, long, long>(left, right, '*');

        /// <summary>The elementwise product of int64 and uint8 arrays, in int64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<long> operator *(DArray<long> left, DArray<byte> right) => Promotion.Arrays<long, byte, long>(left, right, '*');

        /// <summary>The elementwise sum of uint8 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<byte> left, DArray<double> right) => Promotion.Arrays<byte, double, double>(left, right, '+');

        /// <summary>The elementwise sum of float64 and uint8 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<double> left, DArray<byte> right) => Promotion.Arrays<double, byte, double>(left, right, '+');

        /// <summary>The elementwise difference of uint8 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<byte> left, DArray<double> right) => Promotion.Arrays<byte, double, double>(left, right, '-');

        /// <summary>The elementwise difference of float64 and uint8 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<double> left, DArray<byte> right) => Promotion.Arrays<double, byte, double>(left, right, '-');

        /// <summary>The elementwise product of uint8 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<byte> left, DArray<double> right) => Promotion.Arrays<byte, double, double>(left, right, '*');

        /// <summary>The elementwise product of float64 and uint8 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<double> left, DArray<byte> right) => Promotion.Arrays<double, byte, double>(left, right, '*');

        /// <summary>The elementwise quotient of uint8 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<byte> left, DArray<double> right) => Promotion.Arrays<byte, double, double>(left, right, '/');

        /// <summary>The elementwise quotient of float64 and uint8 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<double> left, DArray<byte> right) => Promotion.Arrays<double, byte, double>(left, right, '/');
    }
}
