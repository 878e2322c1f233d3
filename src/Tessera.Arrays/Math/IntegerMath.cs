using System.Numerics;
using Tessera.Arrays.Kernels;

namespace Tessera.Arrays;

/// <summary>
/// NumPy's float ufuncs on arrays of an integer dtype: the values are converted to float64 first
/// (NumPy gives float16 for 8-bit and float32 for 16-bit integers; Tessera gives float64 for every
/// integer dtype, see docs/decisions.md). Floating-point arrays have them in <see cref="FloatMath"/>.
/// </summary>
public static class IntegerMath
{
    extension<T>(DArray<T> x)
        where T : unmanaged, IBinaryInteger<T>
    {
        /// <summary>The non-negative square root of each element (NaN below zero). NumPy's <c>sqrt</c>: integers give float64.</summary>
        public DArray<double> Sqrt() => DArray.Unary(x.AsType<double>(), UnaryFunc.Sqrt, "sqrt");

        /// <summary>e raised to each element. NumPy's <c>exp</c>: integers give float64.</summary>
        public DArray<double> Exp() => DArray.Unary(x.AsType<double>(), UnaryFunc.Exp, "exp");

        /// <summary>The natural logarithm of each element (NaN below zero, -inf at zero). NumPy's <c>log</c>: integers give float64.</summary>
        public DArray<double> Log() => DArray.Unary(x.AsType<double>(), UnaryFunc.Log, "log");

        /// <summary>log(1 + x) of each element, accurate for small x. NumPy's <c>log1p</c>: integers give float64.</summary>
        public DArray<double> Log1p() => DArray.Unary(x.AsType<double>(), UnaryFunc.Log1p, "log1p");

        /// <summary>The sine of each element, in radians. NumPy's <c>sin</c>: integers give float64.</summary>
        public DArray<double> Sin() => DArray.Unary(x.AsType<double>(), UnaryFunc.Sin, "sin");

        /// <summary>The cosine of each element, in radians. NumPy's <c>cos</c>: integers give float64.</summary>
        public DArray<double> Cos() => DArray.Unary(x.AsType<double>(), UnaryFunc.Cos, "cos");

        /// <summary>The tangent of each element, in radians. NumPy's <c>tan</c>: integers give float64.</summary>
        public DArray<double> Tan() => DArray.Unary(x.AsType<double>(), UnaryFunc.Tan, "tan");

        /// <summary>The hyperbolic tangent of each element. NumPy's <c>tanh</c>: integers give float64.</summary>
        public DArray<double> Tanh() => DArray.Unary(x.AsType<double>(), UnaryFunc.Tanh, "tanh");

        /// <summary>The largest integer not above each element. NumPy's <c>floor</c>: integers give float64.</summary>
        public DArray<double> Floor() => DArray.Unary(x.AsType<double>(), UnaryFunc.Floor, "floor");

        /// <summary>The smallest integer not below each element. NumPy's <c>ceil</c>: integers give float64.</summary>
        public DArray<double> Ceil() => DArray.Unary(x.AsType<double>(), UnaryFunc.Ceil, "ceil");
    }
}
