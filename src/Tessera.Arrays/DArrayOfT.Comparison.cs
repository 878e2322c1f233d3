namespace Tessera.Arrays;

/// <summary>
/// Comparisons giving bool arrays. <c>==</c> and <c>!=</c> are not overloaded: DArray is a reference type,
/// and C# users (and collections) expect those to compare identities and give a bool; use
/// <see cref="Equal(DArray{T})"/> and <see cref="NotEqual(DArray{T})"/> for NumPy's elementwise meaning.
/// </summary>
public sealed partial class DArray<T>
{
    /// <summary>Whether each element == the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>equal</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> Equal(DArray<T> other) => Compare(this, other, "equal", false, static (a, b) => a.Equal(b));

    /// <summary>Whether each element == <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> Equal(T other) => Compare(this, other, "equal", false, static (a, b) => a.Equal(b));

    /// <summary>Whether each element != the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>not_equal</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> NotEqual(DArray<T> other) => Compare(this, other, "not_equal", false, static (a, b) => a.NotEqual(b));

    /// <summary>Whether each element != <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> NotEqual(T other) => Compare(this, other, "not_equal", false, static (a, b) => a.NotEqual(b));

    /// <summary>Whether each element &lt; the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>less</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> Less(DArray<T> other) => Compare(this, other, "less", true, static (a, b) => a.Less(b));

    /// <summary>Whether each element &lt; <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> Less(T other) => Compare(this, other, "less", true, static (a, b) => a.Less(b));

    /// <summary>Whether each element &lt;= the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>less_equal</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> LessEqual(DArray<T> other) => Compare(this, other, "less_equal", true, static (a, b) => a.LessOrEqual(b));

    /// <summary>Whether each element &lt;= <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> LessEqual(T other) => Compare(this, other, "less_equal", true, static (a, b) => a.LessOrEqual(b));

    /// <summary>Whether each element &gt; the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>greater</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> Greater(DArray<T> other) => Compare(this, other, "greater", true, static (a, b) => a.Greater(b));

    /// <summary>Whether each element &gt; <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> Greater(T other) => Compare(this, other, "greater", true, static (a, b) => a.Greater(b));

    /// <summary>Whether each element &gt;= the matching element of <paramref name="other"/>, with broadcasting (NumPy's <c>greater_equal</c>).</summary>
    /// <param name="other">The right operand.</param>
    public DArray<bool> GreaterEqual(DArray<T> other) => Compare(this, other, "greater_equal", true, static (a, b) => a.GreaterOrEqual(b));

    /// <summary>Whether each element &gt;= <paramref name="other"/>.</summary>
    /// <param name="other">The scalar.</param>
    public DArray<bool> GreaterEqual(T other) => Compare(this, other, "greater_equal", true, static (a, b) => a.GreaterOrEqual(b));

    /// <summary>Elementwise <c>&lt;</c> with broadcasting, as a bool array.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public static DArray<bool> operator <(DArray<T> left, DArray<T> right) => Checked(left).Less(right);

    /// <summary>Elementwise <c>&lt;</c> against a scalar, as a bool array.</summary>
    /// <param name="left">The array.</param>
    /// <param name="right">The scalar.</param>
    public static DArray<bool> operator <(DArray<T> left, T right) => Checked(left).Less(right);

    /// <summary>A scalar <c>&lt;</c> each element, as a bool array.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The array.</param>
    public static DArray<bool> operator <(T left, DArray<T> right) => Checked(right).Greater(left);

    /// <summary>Elementwise <c>&gt;</c> with broadcasting, as a bool array.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public static DArray<bool> operator >(DArray<T> left, DArray<T> right) => Checked(left).Greater(right);

    /// <summary>Elementwise <c>&gt;</c> against a scalar, as a bool array.</summary>
    /// <param name="left">The array.</param>
    /// <param name="right">The scalar.</param>
    public static DArray<bool> operator >(DArray<T> left, T right) => Checked(left).Greater(right);

    /// <summary>A scalar <c>&gt;</c> each element, as a bool array.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The array.</param>
    public static DArray<bool> operator >(T left, DArray<T> right) => Checked(right).Less(left);

    /// <summary>Elementwise <c>&lt;=</c> with broadcasting, as a bool array.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public static DArray<bool> operator <=(DArray<T> left, DArray<T> right) => Checked(left).LessEqual(right);

    /// <summary>Elementwise <c>&lt;=</c> against a scalar, as a bool array.</summary>
    /// <param name="left">The array.</param>
    /// <param name="right">The scalar.</param>
    public static DArray<bool> operator <=(DArray<T> left, T right) => Checked(left).LessEqual(right);

    /// <summary>A scalar <c>&lt;=</c> each element, as a bool array.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The array.</param>
    public static DArray<bool> operator <=(T left, DArray<T> right) => Checked(right).GreaterEqual(left);

    /// <summary>Elementwise <c>&gt;=</c> with broadcasting, as a bool array.</summary>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public static DArray<bool> operator >=(DArray<T> left, DArray<T> right) => Checked(left).GreaterEqual(right);

    /// <summary>Elementwise <c>&gt;=</c> against a scalar, as a bool array.</summary>
    /// <param name="left">The array.</param>
    /// <param name="right">The scalar.</param>
    public static DArray<bool> operator >=(DArray<T> left, T right) => Checked(left).GreaterEqual(right);

    /// <summary>A scalar <c>&gt;=</c> each element, as a bool array.</summary>
    /// <param name="left">The scalar.</param>
    /// <param name="right">The array.</param>
    public static DArray<bool> operator >=(T left, DArray<T> right) => Checked(right).LessEqual(left);

    private static DArray<T> Checked(DArray<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }

    private static DArray<bool> Compare(DArray<T> a, DArray<T> b, string name, bool ordered, Func<NDArray<T>, NDArray<T>, NDArray<bool>> f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (ordered && typeof(T) == typeof(bool))
        {
            // NumPy orders False < True; the numeric kernels read bools as bytes.
            return CompareBytes(a.AsType<byte>(), b.AsType<byte>(), name);
        }

        CheckComparable(name);
        return DArray.Elementwise<bool>(name, "", xs => f((NDArray<T>)xs[0], (NDArray<T>)xs[1]), a.Expr, b.Expr);
    }

    private static DArray<bool> Compare(DArray<T> a, T b, string name, bool ordered, Func<NDArray<T>, T, NDArray<bool>> f)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (ordered && typeof(T) == typeof(bool))
        {
            return CompareBytes(a.AsType<byte>(), DArray.Full((byte)((bool)(object)b ? 1 : 0), [], null), name);
        }

        CheckComparable(name);
        return DArray.Elementwise<bool>(name, DArray.Format(b), xs => f((NDArray<T>)xs[0], b), a.Expr);
    }

    private static DArray<bool> CompareBytes(DArray<byte> a, DArray<byte> b, string name) => name switch
    {
        "less" => a.Less(b),
        "less_equal" => a.LessEqual(b),
        "greater" => a.Greater(b),
        _ => a.GreaterEqual(b),
    };

    private static void CheckComparable(string name)
    {
        if (typeof(T) != typeof(bool) && !DArray.IsNumber(typeof(T)))
        {
            throw new NotSupportedException($"DArray.{name}: dtype {DTypes.Name<T>()} cannot be compared; convert to a numeric dtype first.");
        }
    }
}
