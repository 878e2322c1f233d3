namespace Tessera.Distributed.Shipping;

/// <summary>
/// Thrown when a task function or argument captures something that only means something in the submitting
/// process (a stream, a handle, a thread, a compiled expression …), so it cannot be sent to a worker.
/// The message names the field path and its type, and says what to do instead.
/// </summary>
public sealed class UnshippableCaptureException : ArgumentException
{
    /// <summary>Creates the exception with a default message.</summary>
    public UnshippableCaptureException()
        : this("A captured value cannot be shipped to a worker.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnshippableCaptureException(string message)
        : this(message, string.Empty, typeof(object))
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnshippableCaptureException(string message, Exception innerException)
        : base(message, innerException)
    {
        FieldPath = string.Empty;
        FieldType = typeof(object);
    }

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="message">The message.</param>
    /// <param name="fieldPath">The dotted path of the offending field from the captured root, e.g. <c>this.stream</c>.</param>
    /// <param name="fieldType">The runtime type of the offending value.</param>
    public UnshippableCaptureException(string message, string fieldPath, Type fieldType)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(fieldPath);
        ArgumentNullException.ThrowIfNull(fieldType);
        FieldPath = fieldPath;
        FieldType = fieldType;
    }

    /// <summary>The dotted path of the offending field from the captured root (empty when the root itself is refused).</summary>
    public string FieldPath { get; }

    /// <summary>The runtime type of the value that cannot ship.</summary>
    public Type FieldType { get; }
}
