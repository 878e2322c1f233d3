namespace Tessera.Distributed;

/// <summary>
/// A value sent with <see cref="Client.Scatter{T}(T)"/> was lost with the only worker holding it. The scheduler keeps no
/// copy of scattered values (as Dask), so it cannot be recomputed: the scatter future and every future computed from
/// it that was not finished fail with this exception. Scatter the value again.
/// </summary>
public sealed class ScatteredDataLostException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ScatteredDataLostException()
        : base("Scattered data was lost with its worker.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ScatteredDataLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ScatteredDataLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ScatteredDataLostException(string key, string scatteredKey, Protocol.ErrorInfo error)
        : base(scatteredKey == key ? error.Message : $"Task {Protocol.KeyCodec.Display(key)} cannot run: {error.Message}")
    {
        Key = key;
        ScatteredKey = scatteredKey;
        WorkerName = string.IsNullOrEmpty(error.Worker) ? null : error.Worker;
    }

    /// <summary>The key whose future failed (the scattered key itself, or a task that depends on it).</summary>
    public string? Key { get; }

    /// <summary>The scattered key that was lost.</summary>
    public string? ScatteredKey { get; }

    /// <summary>The worker it was lost with, when known.</summary>
    public string? WorkerName { get; }
}
