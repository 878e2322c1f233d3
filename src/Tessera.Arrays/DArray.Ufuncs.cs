using System.Globalization;
using Tessera.Arrays.Kernels;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>The absolute value of each element (NumPy's <c>absolute</c>; integers wrap at their minimum, as in NumPy).</summary>
    /// <param name="x">A numeric array.</param>
    public static DArray<T> Abs<T>(DArray<T> x)
        where T : unmanaged => Unary(Numeric(x, "Abs"), UnaryFunc.Abs, "absolute");

    /// <summary>-1, 0 or 1 by the sign of each element (NaN stays NaN), in the array's dtype (NumPy's <c>sign</c>).</summary>
    /// <param name="x">A numeric array.</param>
    public static DArray<T> Sign<T>(DArray<T> x)
        where T : unmanaged => Unary(Numeric(x, "Sign"), UnaryFunc.Sign, "sign");

    /// <summary>
    /// Each element rounded to <paramref name="decimals"/> decimals, halves to even (NumPy's <c>round</c>:
    /// <c>rint(x * 10^d) / 10^d</c> for floats; integers are returned unchanged for decimals &gt;= 0).
    /// </summary>
    /// <param name="x">A numeric array.</param>
    /// <param name="decimals">The number of decimals; the default is 0. Negative values round to tens, hundreds… (floats only).</param>
    public static DArray<T> Round<T>(DArray<T> x, int decimals = 0)
        where T : unmanaged
    {
        Numeric(x, "Round");
        if (!IsFloat(typeof(T)))
        {
            if (decimals < 0)
            {
                throw new NotSupportedException($"DArray.Round: negative decimals ({decimals}) are supported for float dtypes only, not {DTypes.Name<T>()}; convert first with AsType<double>().");
            }

            return Unary(x, UnaryFunc.Round, "round");
        }

        if (decimals == 0)
        {
            return Unary(x, UnaryFunc.Round, "round");
        }

        var scale = Scalar<T>(Math.Pow(10, Math.Abs(decimals)));
        return decimals > 0 ? DArray<T>.Divide(Unary(x * scale, UnaryFunc.Round, "round"), scale) : Unary(DArray<T>.Divide(x, scale), UnaryFunc.Round, "round") * scale;
    }

    /// <summary>The elementwise minimum with broadcasting; NaN wins (NumPy's <c>minimum</c>).</summary>
    /// <param name="a">A numeric array.</param>
    /// <param name="b">Another, broadcast against <paramref name="a"/>.</param>
    public static DArray<T> Minimum<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Minimum, "minimum");

    /// <summary>The elementwise minimum of each element and a scalar; NaN wins.</summary>
    /// <param name="a">A numeric array.</param>
    /// <param name="b">The scalar.</param>
    public static DArray<T> Minimum<T>(DArray<T> a, T b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Minimum, "minimum");

    /// <summary>The elementwise maximum with broadcasting; NaN wins (NumPy's <c>maximum</c>).</summary>
    /// <param name="a">A numeric array.</param>
    /// <param name="b">Another, broadcast against <paramref name="a"/>.</param>
    public static DArray<T> Maximum<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Maximum, "maximum");

    /// <summary>The elementwise maximum of each element and a scalar; NaN wins.</summary>
    /// <param name="a">A numeric array.</param>
    /// <param name="b">The scalar.</param>
    public static DArray<T> Maximum<T>(DArray<T> a, T b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Maximum, "maximum");

    /// <summary>
    /// <paramref name="a"/> raised to <paramref name="b"/> elementwise (NumPy's <c>power</c>; integers wrap on
    /// overflow, and a negative integer exponent fails as in NumPy).
    /// </summary>
    /// <param name="a">The bases.</param>
    /// <param name="b">The exponents, broadcast against <paramref name="a"/>.</param>
    public static DArray<T> Power<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Power, "power");

    /// <summary>Each element raised to a scalar exponent (a negative exponent of an integer dtype fails now).</summary>
    /// <param name="a">The bases.</param>
    /// <param name="b">The exponent.</param>
    public static DArray<T> Power<T>(DArray<T> a, T b)
        where T : unmanaged
    {
        if (!IsFloat(typeof(T)) && Convert.ToDouble(b, CultureInfo.InvariantCulture) < 0)
        {
            throw new ArgumentException($"DArray.Power: integers to negative integer powers are not allowed (exponent {b}, dtype {DTypes.Name<T>()}); convert first with AsType<double>().", nameof(b));
        }

        return Binary(a, b, BinaryFunc.Power, "power");
    }

    /// <summary>The remainder with the divisor's sign (NumPy's <c>mod</c>/<c>%</c>; integer modulo 0 gives 0, float gives NaN).</summary>
    /// <param name="a">The dividends.</param>
    /// <param name="b">The divisors, broadcast against <paramref name="a"/>.</param>
    public static DArray<T> Mod<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Mod, "mod");

    /// <summary>The remainder of each element by a scalar, with the divisor's sign.</summary>
    /// <param name="a">The dividends.</param>
    /// <param name="b">The divisor.</param>
    public static DArray<T> Mod<T>(DArray<T> a, T b)
        where T : unmanaged => Binary(a, b, BinaryFunc.Mod, "mod");

    /// <summary>The quotient rounded towards minus infinity (NumPy's <c>floor_divide</c>/<c>//</c>; integer division by 0 gives 0).</summary>
    /// <param name="a">The dividends.</param>
    /// <param name="b">The divisors, broadcast against <paramref name="a"/>.</param>
    public static DArray<T> FloorDivide<T>(DArray<T> a, DArray<T> b)
        where T : unmanaged => Binary(a, b, BinaryFunc.FloorDivide, "floordiv");

    /// <summary>Each element divided by a scalar, rounded towards minus infinity.</summary>
    /// <param name="a">The dividends.</param>
    /// <param name="b">The divisor.</param>
    public static DArray<T> FloorDivide<T>(DArray<T> a, T b)
        where T : unmanaged => Binary(a, b, BinaryFunc.FloorDivide, "floordiv");

    /// <summary>
    /// NumPy's true division (<c>/</c> in Python) in float64 for any numeric dtypes: integers give fractions
    /// (C#'s <c>/</c> on integer arrays truncates, as C# does on ints; see docs/decisions.md).
    /// </summary>
    /// <param name="a">The dividends.</param>
    /// <param name="b">The divisors, broadcast against <paramref name="a"/>.</param>
    public static DArray<double> TrueDivide<TA, TB>(DArray<TA> a, DArray<TB> b)
        where TA : unmanaged
        where TB : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireNumeric<TA>("TrueDivide");
        RequireNumeric<TB>("TrueDivide");
        return a.AsType<double>() / b.AsType<double>();
    }

    /// <summary>Each element limited to [<paramref name="min"/>, <paramref name="max"/>] (NumPy's <c>clip</c>; NaN stays NaN).</summary>
    /// <param name="x">A numeric array.</param>
    /// <param name="min">The lower bound; null for none.</param>
    /// <param name="max">The upper bound; null for none.</param>
    public static DArray<T> Clip<T>(DArray<T> x, T? min, T? max)
        where T : unmanaged
    {
        Numeric(x, "Clip");
        if (min is null && max is null)
        {
            throw new ArgumentException("DArray.Clip: give a lower bound, an upper bound or both (min and max are both null).");
        }

        var low = min is { } lo ? Binary(x, lo, BinaryFunc.Maximum, "clip-min") : x;
        return max is { } hi ? Binary(low, hi, BinaryFunc.Minimum, "clip-max") : low;
    }

    /// <summary>Whether each element is NaN (never for integer dtypes) — NumPy's <c>isnan</c>.</summary>
    /// <param name="x">A numeric array.</param>
    public static DArray<bool> IsNaN<T>(DArray<T> x)
        where T : unmanaged
    {
        Numeric(x, "IsNaN");
        return Elementwise<bool>("isnan", "", static xs => UnaryKernels.Classify((NDArray<T>)xs[0], finite: false), x.Expr);
    }

    /// <summary>Whether each element is finite (not NaN nor infinite; always for integer dtypes) — NumPy's <c>isfinite</c>.</summary>
    /// <param name="x">A numeric array.</param>
    public static DArray<bool> IsFinite<T>(DArray<T> x)
        where T : unmanaged
    {
        Numeric(x, "IsFinite");
        return Elementwise<bool>("isfinite", "", static xs => UnaryKernels.Classify((NDArray<T>)xs[0], finite: true), x.Expr);
    }

    internal static DArray<T> Unary<T>(DArray<T> x, UnaryFunc f, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        return Elementwise<T>(name, "", xs => UnaryKernels.Apply(f, (NDArray<T>)xs[0]), x.Expr);
    }

    private static DArray<T> Binary<T>(DArray<T> a, DArray<T> b, BinaryFunc f, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireNumeric<T>(f.ToString());
        return Elementwise<T>(name, "", xs => BinaryKernels.Apply(f, (NDArray<T>)xs[0], (NDArray<T>)xs[1]), a.Expr, b.Expr);
    }

    private static DArray<T> Binary<T>(DArray<T> a, T b, BinaryFunc f, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        RequireNumeric<T>(f.ToString());
        return Elementwise<T>(name, Format(b), xs => BinaryKernels.Apply(f, (NDArray<T>)xs[0], NDArray.Scalar(b)), a.Expr);
    }

    private static DArray<T> Numeric<T>(DArray<T> x, string operation)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric<T>(operation);
        return x;
    }

    internal static string Format<T>(T value)
        where T : unmanaged => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static T Scalar<T>(double value)
        where T : unmanaged => typeof(T) == typeof(double) ? (T)(object)value
            : typeof(T) == typeof(float) ? (T)(object)(float)value
            : (T)(object)(Half)value;
}
