using Tessera.Arrays.Kernels;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>Elementwise AND of two bool arrays, with broadcasting (NumPy's <c>logical_and</c>).</summary>
    /// <param name="a">A bool array.</param>
    /// <param name="b">Another, broadcast against <paramref name="a"/>.</param>
    public static DArray<bool> LogicalAnd(DArray<bool> a, DArray<bool> b) => Logical(a, b, "and", static (x, y) => NDArray.LogicalAnd(x, y));

    /// <summary>Elementwise OR of two bool arrays, with broadcasting (NumPy's <c>logical_or</c>).</summary>
    /// <param name="a">A bool array.</param>
    /// <param name="b">Another, broadcast against <paramref name="a"/>.</param>
    public static DArray<bool> LogicalOr(DArray<bool> a, DArray<bool> b) => Logical(a, b, "or", static (x, y) => NDArray.LogicalOr(x, y));

    /// <summary>Elementwise XOR of two bool arrays, with broadcasting (NumPy's <c>logical_xor</c>).</summary>
    /// <param name="a">A bool array.</param>
    /// <param name="b">Another, broadcast against <paramref name="a"/>.</param>
    public static DArray<bool> LogicalXor(DArray<bool> a, DArray<bool> b) => Logical(a, b, "xor", static (x, y) => NDArray.LogicalXor(x, y));

    /// <summary>Elementwise NOT of a bool array (NumPy's <c>logical_not</c>).</summary>
    /// <param name="a">A bool array.</param>
    public static DArray<bool> LogicalNot(DArray<bool> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Elementwise<bool>("invert", "", static xs => NDArray.LogicalNot((NDArray<bool>)xs[0]), a.Expr);
    }

    /// <summary>
    /// <paramref name="yes"/> where <paramref name="condition"/> is true, else <paramref name="no"/>, all three
    /// broadcast together (NumPy's <c>where</c>); slices push through it and it fuses with its inputs.
    /// </summary>
    /// <param name="condition">The bool array choosing between the two.</param>
    /// <param name="yes">The values where the condition holds.</param>
    /// <param name="no">The values elsewhere.</param>
    public static DArray<T> Where<T>(DArray<bool> condition, DArray<T> yes, DArray<T> no)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(yes);
        ArgumentNullException.ThrowIfNull(no);
        return Elementwise<T>("where", "", static xs => BinaryKernels.Where((NDArray<bool>)xs[0], (NDArray<T>)xs[1], (NDArray<T>)xs[2]), condition.Expr, yes.Expr, no.Expr);
    }

    /// <summary><paramref name="yes"/> where <paramref name="condition"/> is true, else the scalar <paramref name="no"/>.</summary>
    /// <param name="condition">The bool array choosing between the two.</param>
    /// <param name="yes">The values where the condition holds.</param>
    /// <param name="no">The value elsewhere.</param>
    public static DArray<T> Where<T>(DArray<bool> condition, DArray<T> yes, T no)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(yes);
        return Elementwise<T>("where", $"no={Format(no)}", xs => BinaryKernels.Where((NDArray<bool>)xs[0], (NDArray<T>)xs[1], NDArray.Scalar(no)), condition.Expr, yes.Expr);
    }

    /// <summary>The scalar <paramref name="yes"/> where <paramref name="condition"/> is true, else <paramref name="no"/>.</summary>
    /// <param name="condition">The bool array choosing between the two.</param>
    /// <param name="yes">The value where the condition holds.</param>
    /// <param name="no">The values elsewhere.</param>
    public static DArray<T> Where<T>(DArray<bool> condition, T yes, DArray<T> no)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(no);
        return Elementwise<T>("where", $"yes={Format(yes)}", xs => BinaryKernels.Where((NDArray<bool>)xs[0], NDArray.Scalar(yes), (NDArray<T>)xs[1]), condition.Expr, no.Expr);
    }

    /// <summary>The scalar <paramref name="yes"/> where <paramref name="condition"/> is true, else the scalar <paramref name="no"/>.</summary>
    /// <param name="condition">The bool array choosing between the two.</param>
    /// <param name="yes">The value where the condition holds.</param>
    /// <param name="no">The value elsewhere.</param>
    public static DArray<T> Where<T>(DArray<bool> condition, T yes, T no)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Elementwise<T>("where", $"yes={Format(yes)};no={Format(no)}", xs => BinaryKernels.Where((NDArray<bool>)xs[0], NDArray.Scalar(yes), NDArray.Scalar(no)), condition.Expr);
    }

    private static DArray<bool> Logical(DArray<bool> a, DArray<bool> b, string name, Func<NDArray<bool>, NDArray<bool>, NDArray<bool>> f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Elementwise<bool>(name, "", xs => f((NDArray<bool>)xs[0], (NDArray<bool>)xs[1]), a.Expr, b.Expr);
    }
}
