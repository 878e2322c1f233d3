namespace Tessera.Distributed.Files;

/// <summary>
/// A directory that must be private to the current user is not: it is a symbolic link, belongs to another user,
/// or is open to group or others. The message names the path, what is wrong and how to fix it.
/// </summary>
public sealed class PrivateDirectoryException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The directory in question.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public PrivateDirectoryException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>Creates the exception with no details (for serializers and tools).</summary>
    public PrivateDirectoryException()
    {
        Path = "";
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public PrivateDirectoryException(string message)
        : base(message)
    {
        Path = "";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PrivateDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    /// <summary>The directory in question.</summary>
    public string Path { get; }
}
