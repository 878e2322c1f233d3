namespace Tessera.Arrays;

/// <summary>
/// Arithmetic of float32 arrays with arrays (and double scalars) of other dtypes, giving NumPy's result
/// dtype; the rules for every accepted pair are in docs/decisions.md ("dtype promotion").
/// </summary>
public static class Float32Promotion
{
    extension(DArray<float>)
    {
        /// <summary>The elementwise sum of float32 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<float> left, DArray<double> right) => Promotion.Arrays<float, double, double>(left, right, '+');

        /// <summary>The elementwise sum of float64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator +(DArray<double> left, DArray<float> right) => Promotion.Arrays<double, float, double>(left, right, '+');

        /// <summary>The elementwise difference of float32 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<float> left, DArray<double> right) => Promotion.Arrays<float, double, double>(left, right, '-');

        /// <summary>The elementwise difference of float64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator -(DArray<double> left, DArray<float> right) => Promotion.Arrays<double, float, double>(left, right, '-');

        /// <summary>The elementwise product of float32 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<float> left, DArray<double> right) => Promotion.Arrays<float, double, double>(left, right, '*');

        /// <summary>The elementwise product of float64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator *(DArray<double> left, DArray<float> right) => Promotion.Arrays<double, float, double>(left, right, '*');

        /// <summary>The elementwise quotient of float32 and float64 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<float> left, DArray<double> right) => Promotion.Arrays<float, double, double>(left, right, '/');

        /// <summary>The elementwise quotient of float64 and float32 arrays, in float64 (NumPy's promotion), with broadcasting.</summary>
        /// <param name="left">The left operand.</param>
        /// <param name="right">The right operand.</param>
        public static DArray<double> operator /(DArray<double> left, DArray<float> right) => Promotion.Arrays<double, float, double>(left, right, '/');

        /// <summary>The sum of each element and a double scalar, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<float> operator +(DArray<float> left, double right) => Promotion.Scalar(left.AsType<float>(), (float)right, '+', scalarFirst: false);

        /// <summary>The sum of a double scalar and each element, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<float> operator +(double left, DArray<float> right) => Promotion.Scalar(right.AsType<float>(), (float)left, '+', scalarFirst: true);

        /// <summary>The difference of each element and a double scalar, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<float> operator -(DArray<float> left, double right) => Promotion.Scalar(left.AsType<float>(), (float)right, '-', scalarFirst: false);

        /// <summary>The difference of a double scalar and each element, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<float> operator -(double left, DArray<float> right) => Promotion.Scalar(right.AsType<float>(), (float)left, '-', scalarFirst: true);

        /// <summary>The product of each element and a double scalar, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<float> operator *(DArray<float> left, double right) => Promotion.Scalar(left.AsType<float>(), (float)right, '*', scalarFirst: false);

        /// <summary>The product of a double scalar and each element, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<float> operator *(double left, DArray<float> right) => Promotion.Scalar(right.AsType<float>(), (float)left, '*', scalarFirst: true);

        /// <summary>The quotient of each element and a double scalar, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The array.</param>
        /// <param name="right">The scalar.</param>
        public static DArray<float> operator /(DArray<float> left, double right) => Promotion.Scalar(left.AsType<float>(), (float)right, '/', scalarFirst: false);

        /// <summary>The quotient of a double scalar and each element, in float32: the scalar does not widen the array (NumPy's value-based casting).</summary>
        /// <param name="left">The scalar.</param>
        /// <param name="right">The array.</param>
        public static DArray<float> operator /(double left, DArray<float> right) => Promotion.Scalar(right.AsType<float>(), (float)left, '/', scalarFirst: true);
    }
}
