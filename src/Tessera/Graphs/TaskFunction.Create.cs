namespace Tessera.Graphs;

public sealed partial class TaskFunction
{
    /// <summary>Wraps a function of 0 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<TResult>(Func<TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 0, a => function());
    }

    /// <summary>Wraps a function of 1 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, TResult>(Func<T1, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 1, a => function((T1)a[0]!));
    }

    /// <summary>Wraps a function of 2 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, TResult>(Func<T1, T2, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 2, a => function((T1)a[0]!, (T2)a[1]!));
    }

    /// <summary>Wraps a function of 3 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 3, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!));
    }

    /// <summary>Wraps a function of 4 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, T4, TResult>(Func<T1, T2, T3, T4, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 4, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!));
    }

    /// <summary>Wraps a function of 5 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, T4, T5, TResult>(Func<T1, T2, T3, T4, T5, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 5, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!));
    }

    /// <summary>Wraps a function of 6 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, T4, T5, T6, TResult>(Func<T1, T2, T3, T4, T5, T6, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 6, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!));
    }

    /// <summary>Wraps a function of 7 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, T4, T5, T6, T7, TResult>(Func<T1, T2, T3, T4, T5, T6, T7, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 7, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!, (T7)a[6]!));
    }

    /// <summary>Wraps a function of 8 argument(s); arguments are cast to their parameter types when invoked.</summary>
    /// <param name="function">The function.</param>
    /// <param name="name">The display name; defaults to the method name (or <c>lambda</c>).</param>
    public static TaskFunction Create<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> function, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new TaskFunction(name ?? NameOf(function), function, 8, a => function((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!, (T7)a[6]!, (T8)a[7]!));
    }
}
