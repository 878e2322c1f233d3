namespace Tessera.Graphs;

/// <summary>
/// One argument of a <see cref="TaskSpec"/>: a literal value, a reference to another task's result, a
/// nested list of arguments (materialised as <c>object?[]</c> when the task runs), or an inline task.
/// </summary>
public readonly struct TaskArg
{
    private readonly object? _payload;

    private TaskArg(TaskArgKind kind, object? payload, Key key)
    {
        Kind = kind;
        _payload = payload;
        Key = key;
    }

    /// <summary>What this argument holds.</summary>
    public TaskArgKind Kind { get; }

    /// <summary>The referenced key when <see cref="Kind"/> is <see cref="TaskArgKind.Ref"/>; default otherwise.</summary>
    public Key Key { get; }

    /// <summary>The literal value when <see cref="Kind"/> is <see cref="TaskArgKind.Literal"/>; null otherwise.</summary>
    public object? Value => Kind == TaskArgKind.Literal ? _payload : null;

    /// <summary>The nested arguments when <see cref="Kind"/> is <see cref="TaskArgKind.List"/>; empty otherwise.</summary>
    public IReadOnlyList<TaskArg> Items => Kind == TaskArgKind.List ? (TaskArg[])_payload! : [];

    /// <summary>The nested task when <see cref="Kind"/> is <see cref="TaskArgKind.Inline"/>; null otherwise.</summary>
    public TaskSpec? InlineTask => Kind == TaskArgKind.Inline ? (TaskSpec)_payload! : null;

    internal TaskArg[] ItemsArray => (TaskArg[])_payload!;

    /// <summary>A literal argument passed to the function unchanged.</summary>
    /// <param name="value">The value; may be null.</param>
    public static TaskArg Literal(object? value) => new(TaskArgKind.Literal, value, default);

    /// <summary>A reference to the result of the task named <paramref name="key"/>.</summary>
    /// <param name="key">The dependency's key.</param>
    public static TaskArg Ref(Key key)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("A reference needs a non-default key.", nameof(key));
        }

        return new(TaskArgKind.Ref, null, key);
    }

    /// <summary>A list of arguments, materialised as <c>object?[]</c> (in order) when the task runs.</summary>
    /// <param name="items">The items; copied.</param>
    public static TaskArg List(params ReadOnlySpan<TaskArg> items) => new(TaskArgKind.List, items.ToArray(), default);

    /// <summary>A list of references to the given keys, materialised as <c>object?[]</c>.</summary>
    /// <param name="keys">The referenced keys, in order.</param>
    public static TaskArg List(IEnumerable<Key> keys) => new(TaskArgKind.List, keys.Select(Ref).ToArray(), default);

    /// <summary>A nested task evaluated in place; used by <see cref="TaskGraph.FuseLinear"/>.</summary>
    /// <param name="task">The task to run before the enclosing task.</param>
    public static TaskArg Inline(TaskSpec task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(TaskArgKind.Inline, task, default);
    }

    /// <summary>A reference to <paramref name="key"/>.</summary>
    /// <param name="key">The referenced key.</param>
    public static implicit operator TaskArg(Key key) => Ref(key);

    /// <summary>Calls <paramref name="visit"/> for every key this argument references (nested ones included).</summary>
    internal void VisitRefs<TState>(ref TState state, RefVisitor<TState> visit)
    {
        switch (Kind)
        {
            case TaskArgKind.Ref:
                visit(ref state, Key);
                break;
            case TaskArgKind.List:
                foreach (TaskArg a in ItemsArray)
                {
                    a.VisitRefs(ref state, visit);
                }

                break;
            case TaskArgKind.Inline:
                foreach (TaskArg a in InlineTask!.ArgsArray)
                {
                    a.VisitRefs(ref state, visit);
                }

                break;
            default:
                break;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TaskArgKind.Ref => Key.ToString(),
        TaskArgKind.List => "[" + string.Join(", ", ItemsArray.Select(static a => a.ToString())) + "]",
        TaskArgKind.Inline => InlineTask!.ToString(),
        _ => _payload?.ToString() ?? "null",
    };
}

/// <summary>Callback used to walk the keys referenced by task arguments.</summary>
internal delegate void RefVisitor<TState>(ref TState state, Key key);
