namespace Tessera.Graphs;

/// <summary>
/// A named group of tasks produced by one operation (for example one task per chunk of an array
/// operation), plus the names of the layers it depends on and an optional <see cref="Annotation"/>
/// slot for higher-level metadata such as array shape and chunks.
/// </summary>
public sealed class Layer
{
    /// <summary>Creates a layer.</summary>
    /// <param name="name">The layer name (for array layers the key name of its tasks, e.g. <c>sum-ab12</c>).</param>
    /// <param name="tasks">The tasks; copied.</param>
    /// <param name="dependencies">Names of the layers whose keys these tasks reference; default none.</param>
    /// <param name="annotation">Free metadata for higher layers; default null. Not used by schedulers.</param>
    public Layer(string name, IEnumerable<TaskSpec> tasks, IEnumerable<string>? dependencies = null, object? annotation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tasks);
        Name = name;
        TasksArray = [.. tasks];
        Dependencies = dependencies is null ? [] : [.. dependencies.Distinct(StringComparer.Ordinal)];
        Annotation = annotation;
    }

    /// <summary>The layer name.</summary>
    public string Name { get; }

    /// <summary>The layer's tasks.</summary>
    public IReadOnlyList<TaskSpec> Tasks => TasksArray;

    /// <summary>The number of tasks in the layer.</summary>
    public int Count => TasksArray.Length;

    /// <summary>Names of the layers this layer depends on.</summary>
    public IReadOnlyList<string> Dependencies { get; }

    /// <summary>Free metadata attached by higher layers (e.g. array metadata); null by default.</summary>
    public object? Annotation { get; }

    internal TaskSpec[] TasksArray { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Layer '{Name}' ({Count} tasks)";
}
