namespace Tessera.Graphs;

/// <summary>
/// One task: its <see cref="Key"/>, the <see cref="Function"/> to run and its <see cref="Args"/>
/// (literals, references to other keys, nested lists). Immutable.
/// </summary>
public sealed class TaskSpec
{
    private Key[]? _dependencies;

    /// <summary>Creates a task.</summary>
    /// <param name="key">The task's key.</param>
    /// <param name="function">The function to run.</param>
    /// <param name="args">The arguments; copied.</param>
    public TaskSpec(Key key, TaskFunction function, params ReadOnlySpan<TaskArg> args)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("A task needs a non-default key.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(function);
        Key = key;
        Function = function;
        ArgsArray = args.ToArray();
    }

    /// <summary>The task's key.</summary>
    public Key Key { get; }

    /// <summary>The function the task runs.</summary>
    public TaskFunction Function { get; }

    /// <summary>The task's arguments, in order.</summary>
    public IReadOnlyList<TaskArg> Args => ArgsArray;

    /// <summary>True for an external task (<see cref="External"/>): its value is held elsewhere under its key and it never runs here.</summary>
    public bool IsExternal => ReferenceEquals(Function, TaskFunction.External);

    /// <summary>The distinct keys this task references (nested lists included), in first-use order.</summary>
    public IReadOnlyList<Key> Dependencies => _dependencies ??= ComputeDependencies();

    internal TaskArg[] ArgsArray { get; }

    /// <summary>A task whose result is <paramref name="value"/> itself.</summary>
    /// <param name="key">The task's key.</param>
    /// <param name="value">The value.</param>
    public static TaskSpec FromValue(Key key, object? value) => new(key, TaskFunction.Identity, TaskArg.Literal(value));

    /// <summary>
    /// A task standing for a value already held elsewhere under <paramref name="key"/> (a future or a
    /// persisted block on a cluster). The scheduler that holds the key uses that value; no other can run it.
    /// </summary>
    /// <param name="key">The key the value is held under.</param>
    /// <param name="holder">What keeps the value alive (a future or persisted handle); kept with the task, never shipped.</param>
    public static TaskSpec External(Key key, object? holder) => new(key, TaskFunction.External, TaskArg.Literal(holder));

    /// <summary>A task whose result is the result of <paramref name="target"/> (an alias).</summary>
    /// <param name="key">The alias key.</param>
    /// <param name="target">The aliased key.</param>
    public static TaskSpec Alias(Key key, Key target) => new(key, TaskFunction.Identity, TaskArg.Ref(target));

    /// <inheritdoc/>
    public override string ToString() => $"{Key} = {Function.Name}({string.Join(", ", ArgsArray.Select(static a => a.ToString()))})";

    private Key[] ComputeDependencies()
    {
        var state = (List: new List<Key>(ArgsArray.Length), Seen: (HashSet<Key>?)null);
        foreach (TaskArg a in ArgsArray)
        {
            a.VisitRefs(ref state, static (ref (List<Key> List, HashSet<Key>? Seen) s, Key k) =>
            {
                // Linear scan for the usual handful of dependencies; a set once there are many (wide reductions).
                if (s.Seen is null && s.List.Count >= 16)
                {
                    s.Seen = [.. s.List];
                }

                if (s.Seen is null ? !s.List.Contains(k) : s.Seen.Add(k))
                {
                    s.List.Add(k);
                }
            });
        }

        return [.. state.List];
    }
}
