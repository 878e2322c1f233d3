namespace Tessera.Graphs;

/// <summary>
/// The function of a task: a display <see cref="Name"/>, the user <see cref="Delegate"/> (kept so that it can
/// later be shipped to remote workers) and a fast <see cref="TaskInvoker"/> that calls it without reflection.
/// Create one with the typed <c>Create</c> overloads (0 to 8 arguments) or <see cref="FromInvoker"/>.
/// </summary>
public sealed partial class TaskFunction
{
    private readonly TaskInvoker _invoker;
    private string? _token;

    private TaskFunction(string name, Delegate userDelegate, int arity, TaskInvoker invoker)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Delegate = userDelegate;
        Arity = arity;
        _invoker = invoker;
    }

    /// <summary>The function's display name (used in key names and error messages).</summary>
    public string Name { get; }

    /// <summary>The user delegate this function calls.</summary>
    public Delegate Delegate { get; }

    /// <summary>The number of arguments the function takes; -1 when variable (see <see cref="FromInvoker"/>).</summary>
    public int Arity { get; }

    /// <summary>
    /// The untyped call into <see cref="Delegate"/> that schedulers run. Exposed so that a distributed
    /// runtime can ship the function and rebuild it with <see cref="FromInvoker"/> on a worker.
    /// </summary>
    public TaskInvoker Invoker => _invoker;

    /// <summary>The identity function of one argument (used for literal tasks and aliases).</summary>
    public static TaskFunction Identity { get; } = new("identity", (Func<object?, object?>)IdentityImpl, 1, static a => a[0]);

    /// <summary>
    /// The function of an external task (<see cref="TaskSpec.External"/>): its value is already held elsewhere
    /// under its key, by a distributed client's future or persisted block. A scheduler holding that key
    /// uses the value it has and never runs this; any other scheduler fails the task with a message saying so.
    /// </summary>
    public static TaskFunction External { get; } = new("external", (Func<object?, object?>)ExternalImpl, 1, static _ => ExternalImpl(null));

    /// <summary>A deterministic token for this function's identity; computed once.</summary>
    public string Token => _token ??= Tokenizer.TokenizeFunction(Delegate);

    /// <summary>Calls the function.</summary>
    /// <param name="args">The materialised arguments, one per function parameter.</param>
    /// <returns>The function's result, boxed.</returns>
    public object? Invoke(ReadOnlySpan<object?> args)
    {
        if (Arity >= 0 && args.Length != Arity)
        {
            throw new ArgumentException($"Function '{Name}' takes {Arity} argument(s) but got {args.Length}.", nameof(args));
        }

        return _invoker(args);
    }

    /// <summary>Wraps a custom invoker (for example one taking a variable number of arguments).</summary>
    /// <param name="name">The display name.</param>
    /// <param name="userDelegate">The user delegate to keep for shipping and tokenizing.</param>
    /// <param name="invoker">The invoker called with the materialised arguments.</param>
    /// <param name="arity">The expected argument count, or -1 (default) for any.</param>
    public static TaskFunction FromInvoker(string name, Delegate userDelegate, TaskInvoker invoker, int arity = -1)
    {
        ArgumentNullException.ThrowIfNull(userDelegate);
        ArgumentNullException.ThrowIfNull(invoker);
        return new TaskFunction(name, userDelegate, arity, invoker);
    }

    /// <summary>A short display name for a delegate: the method name, or <c>lambda</c> for compiler-generated ones.</summary>
    /// <param name="function">The delegate.</param>
    public static string NameOf(Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        string n = function.Method.Name;
        // Local functions compile to "<Outer>g__Name|0_0": keep the name the user wrote.
        int local = n.IndexOf(">g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            int start = local + 4;
            int end = n.IndexOf('|', start);
            return end > start ? n[start..end] : n[start..];
        }

        return n.Contains('<', StringComparison.Ordinal) || n.Length == 0 ? "lambda" : n;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static object? IdentityImpl(object? x) => x;

    private static object? ExternalImpl(object? holder) =>
        throw new InvalidOperationException(
            "This value lives on a cluster (a persisted array or a future of a distributed client): compute it with the client that holds it as the scheduler (Scheduler.Use(client)), while that client is connected.");
}
