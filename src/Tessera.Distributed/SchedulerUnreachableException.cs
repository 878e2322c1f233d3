namespace Tessera.Distributed;

/// <summary>No Tessera scheduler answered at an address within the connect timeout.</summary>
public sealed class SchedulerUnreachableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SchedulerUnreachableException()
        : base("No Tessera scheduler answered.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public SchedulerUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The transport error.</param>
    public SchedulerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an address and the time waited.</summary>
    /// <param name="address">The scheduler address tried.</param>
    /// <param name="timeout">How long it was tried.</param>
    /// <param name="innerException">The transport error.</param>
    public SchedulerUnreachableException(string address, TimeSpan timeout, Exception innerException)
        : base($"No Tessera scheduler answered at {address} within {timeout.TotalSeconds:0.#} s ({innerException.Message}). Check the address and that the scheduler is running (tessera scheduler), and that no firewall blocks the port.", innerException)
    {
        Address = address;
    }

    /// <summary>The address that did not answer.</summary>
    public string? Address { get; }
}
