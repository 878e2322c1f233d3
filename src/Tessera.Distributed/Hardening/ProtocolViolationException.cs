namespace Tessera.Distributed.Hardening;

/// <summary>
/// A peer sent a message that fails validation (a count, size, name, hash or number out of bounds, or bytes that do
/// not decode). The peer loses its connection; the process and its state are untouched.
/// </summary>
internal sealed class ProtocolViolationException : Exception
{
    /// <summary>Creates the exception with a message naming what was wrong.</summary>
    public ProtocolViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a decoding error.</summary>
    public ProtocolViolationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
