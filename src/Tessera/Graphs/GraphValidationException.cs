namespace Tessera.Graphs;

/// <summary>
/// Thrown when a task graph is invalid: a task references a key that no task produces, a requested
/// output is missing, or the dependencies form a cycle. The message names the key(s) and, for cycles,
/// the cycle path.
/// </summary>
public sealed class GraphValidationException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public GraphValidationException()
        : this("The task graph is invalid.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public GraphValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GraphValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The keys at fault: the missing keys, or the keys on the cycle (path order, first repeated at the end).</summary>
    public IReadOnlyList<Key> Keys { get; init; } = [];

    /// <summary>Whether the problem is a cycle (otherwise missing keys).</summary>
    public bool IsCycle { get; init; }
}
