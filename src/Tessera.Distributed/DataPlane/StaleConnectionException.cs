namespace Tessera.Distributed.DataPlane;

/// <summary>A pooled connection turned out closed before any answer arrived; the fetch may be retried on a new one.</summary>
internal sealed class StaleConnectionException : IOException
{
    /// <summary>Creates the exception.</summary>
    public StaleConnectionException(string address, Exception inner)
        : base($"Data plane: the connection to {address} was closed before it answered: {inner.Message}", inner)
    {
    }
}
