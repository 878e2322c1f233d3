using System.Numerics;
using Tessera.Arrays.Kernels;

namespace Tessera.Arrays;

/// <summary>
/// NumPy's float ufuncs on arrays of a floating-point dtype (float16, float32, float64): the result
/// keeps the dtype, as in NumPy. Integer arrays have the same methods in <see cref="IntegerMath"/>,
/// giving float64.
/// </summary>
public static class FloatMath
{
    extension<T>(DArray<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The non-negative square root of each element (NaN below zero). NumPy's <c>sqrt</c>; the dtype is kept.</summary>
        public DArray<T> Sqrt() => DArray.Unary(x, UnaryFunc.Sqrt, "sqrt");

        /// <summary>e raised to each element. NumPy's <c>exp</c>; the dtype is kept.</summary>
        public DArray<T> Exp() => DArray.Unary(x, UnaryFunc.Exp, "exp");

        /// <summary>The natural logarithm of each element (NaN below zero, -inf at zero). NumPy's <c>log</c>; the dtype is kept.</summary>
        public DArray<T> Log() => DArray.Unary(x, UnaryFunc.Log, "log");

        /// <summary>log(1 + x) of each element, accurate for small x. NumPy's <c>log1p</c>; the dtype is kept.</summary>
        public DArray<T> Log1p() => DArray.Unary(x, UnaryFunc.Log1p, "log1p");

        /// <summary>The sine of each element, in radians. NumPy's <c>sin</c>; the dtype is kept.</summary>
        public DArray<T> Sin() => DArray.Unary(x, UnaryFunc.Sin, "sin");

        /// <summary>The cosine of each element, in radians. NumPy's <c>cos</c>; the dtype is kept.</summary>
        public DArray<T> Cos() => DArray.Unary(x, UnaryFunc.Cos, "cos");

        /// <summary>The tangent of each element, in radians. NumPy's <c>tan</c>; the dtype is kept.</summary>
        public DArray<T> Tan() => DArray.Unary(x, UnaryFunc.Tan, "tan");

        /// <summary>The hyperbolic tangent of each element. NumPy's <c>tanh</c>; the dtype is kept.</summary>
        public DArray<T> Tanh() => DArray.Unary(x, UnaryFunc.Tanh, "tanh");

        /// <summary>The largest integer not above each element. NumPy's <c>floor</c>; the dtype is kept.</summary>
        public DArray<T> Floor() => DArray.Unary(x, UnaryFunc.Floor, "floor");

        /// <summary>The smallest integer not below each element. NumPy's <c>ceil</c>; the dtype is kept.</summary>
        public DArray<T> Ceil() => DArray.Unary(x, UnaryFunc.Ceil, "ceil");
    }
}
