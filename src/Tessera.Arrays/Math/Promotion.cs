namespace Tessera.Arrays;

/// <summary>
/// Mixed-dtype arithmetic (C# generics cannot pick a result type from two element types, so each accepted pair is
/// spelled out in the *Promotion classes): both sides converted to NumPy's result dtype, then the same-dtype operator.
/// </summary>
internal static class Promotion
{
    public static DArray<TOut> Arrays<TA, TB, TOut>(DArray<TA> left, DArray<TB> right, char op)
        where TA : unmanaged
        where TB : unmanaged
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var a = left.AsType<TOut>();
        var b = right.AsType<TOut>();
        return op switch
        {
            '+' => a + b,
            '-' => a - b,
            '*' => a * b,
            _ => DArray<TOut>.Divide(a, b),
        };
    }

    public static DArray<T> Scalar<T>(DArray<T> array, T scalar, char op, bool scalarFirst)
        where T : unmanaged => (op, scalarFirst) switch
        {
            ('+', false) => array + scalar,
            ('+', true) => scalar + array,
            ('-', false) => array - scalar,
            ('-', true) => scalar - array,
            ('*', false) => array * scalar,
            ('*', true) => scalar * array,
            ('/', false) => DArray<T>.Divide(array, scalar),
            _ => DArray<T>.Divide(scalar, array),
        };
}
