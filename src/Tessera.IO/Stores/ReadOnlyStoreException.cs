namespace Tessera.IO.Stores;

/// <summary>A write was asked of a store opened read-only.</summary>
public sealed class ReadOnlyStoreException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, naming the key and the store.</param>
    public ReadOnlyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReadOnlyStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public ReadOnlyStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
