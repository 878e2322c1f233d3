using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>A task threw while a graph was computed. <see cref="Exception.InnerException"/> is the original exception.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates an exception.</summary>
    public TaskFailedException()
        : base("A task failed.")
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    public TaskFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The original exception.</param>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the failed task's key and the original message.</summary>
    /// <param name="key">The key of the task that threw.</param>
    /// <param name="innerException">The original exception.</param>
    public TaskFailedException(Key key, Exception innerException)
        : base($"Task {key} failed: {innerException?.Message}", innerException)
    {
        Key = key;
    }

    /// <summary>The key of the task that threw; default when unknown.</summary>
    public Key Key { get; }
}
