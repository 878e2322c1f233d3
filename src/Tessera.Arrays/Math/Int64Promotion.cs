namespace Tessera.Arrays;

/// <summary>
/// Arithmetic of int64 arrays with arrays (and double scalars) of other dtypes, giving NumPy's result
/// dtype; the rules for every accepted pair are in docs/decisions.md ("dtype promotion").
/// </summary>
public static class Int64Promotion
{
    extension(DArray<long>)
    {
        /// <summary>The elementwise sum of int64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<long> left, DArray<float> right) => Promotion.Arrays<long, float, double>(left, right, '+');

        /// <summary>The elementwise sum of float32 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<float> left, DArray<long> right) => Promotion.Arrays<float, long, double>(left, right, '+');

        /// <summary>The elementwise difference of int64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<long> left, DArray<float> right) => Promotion.Arrays<long, float, double>(left, right, '-');

        /// <summary>The elementwise difference of float32 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<float> left, DArray<long> right) => Promotion.Arrays<float, long, double>(left, right, '-');

        /// <summary>The elementwise product of int64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<long> left, DArray<float> right) => Promotion.Arrays<long, float, double>(left, right, '*');

        /// <summary>The elementwise product of float32 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<float> left, DArray<long> right) => Promotion.Arrays<float, long, double>(left, right, '*');

        /// <summary>The elementwise quotient of int64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<long> left, DArray<float> right) => Promotion.Arrays<long, float, double>(left, right, '/');

        /// <summary>The elementwise quotient of float32 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<float> left, DArray<long> right) => Promotion.Arrays<float, long, double>(left, right, '/');

        /// <summary>The elementwise sum of int64 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<long> left, DArray<double> right) => Promotion.Arrays<long, double, double>(left, right, '+');

        /// <summary>The elementwise sum of float64 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<double> left, DArray<long> right) => Promotion.Arrays<double, long, double>(left, right, '+');

        /// <summary>The elementwise difference of int64 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<long> left, DArray<double> right) => Promotion.Arrays<long, double, double>(left, right, '-');

        /// <summary>The elementwise difference of float64 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<double> left, DArray<long> right) => Promotion.Arrays<double, long, double>(left, right, '-');

        /// <summary>The elementwise product of int64 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<long> left, DArray<double> right) => Promotion.Arrays<long, double, double>(left, right, '*');

        /// <summary>The elementwise product of float64 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<double> left, DArray<long> right) => Promotion.Arrays<double, long, double>(left, right, '*');

        /// <summary>The elementwise quotient of int64 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<long> left, DArray<double> right) => Promotion.Arrays<long, double, double>(left, right, '/');

        /// <summary>The elementwise quotient of float64 and int64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<double> left, DArray<long> right) => Promotion.Arrays<double, long, double>(left, right, '/');

        /// <summary>The sum of each element and a double scalar, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<double> operator +(DArray<long> left, double right) => Promotion.Scalar(left.AsType<double>(), right, '+', scalarFirst: false);

        /// <summary>The sum of a double scalar and each element, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<double> operator +(double left, DArray<long> right) => Promotion.Scalar(right.AsType<double>(), left, '+', scalarFirst: true);

        /// <summary>The difference of each element and a double scalar, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<double> operator -(DArray<long> left, double right) => Promotion.Scalar(left.AsType<double>(), right, '-', scalarFirst: false);

        /// <summary>The difference of a double scalar and each element, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<double> operator -(double left, DArray<long> right) => Promotion.Scalar(right.AsType<double>(), left, '-', scalarFirst: true);

        /// <summary>The product of each element and a double scalar, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<double> operator *(DArray<long> left, double right) => Promotion.Scalar(left.AsType<double>(), right, '*', scalarFirst: false);

        /// <summary>The product of a double scalar and each element, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<double> operator *(double left, DArray<long> right) => Promotion.Scalar(right.AsType<double>(), left, '*', scalarFirst: true);

        /// <summary>The quotient of each element and a double scalar, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<double> operator /(DArray<long> left, double right) => Promotion.Scalar(left.AsType<double>(), right, '/', scalarFirst: false);

        /// <summary>The quotient of a double scalar and each element, in float64: a float scalar makes the result float64, as in NumPy.</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<double> operator /(double left, DArray<long> right) => Promotion.Scalar(right.AsType<double>(), left, '/', scalarFirst: true);
    }
}
