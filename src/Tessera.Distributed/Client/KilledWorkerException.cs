namespace Tessera.Distributed;

/// <summary>
/// A task was running on more workers that died than the scheduler allows (3, as Dask's
/// <c>allowed-failures</c>): it is marked failed so that it cannot take down more workers. The message names the
/// task, the last worker and why it left (e.g. past its memory terminate threshold).
/// </summary>
public sealed class KilledWorkerException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public KilledWorkerException()
        : base("A task's workers kept dying.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public KilledWorkerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public KilledWorkerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal KilledWorkerException(string key, string failedKey, Protocol.ErrorInfo error)
        : base(failedKey == key ? error.Message : $"Task {Protocol.KeyCodec.Display(key)} failed because its dependency failed: {error.Message}")
    {
        Key = key;
        FailedKey = failedKey;
        WorkerName = error.Worker;
        WorkerReason = error.WorkerReason;
    }

    /// <summary>The key whose future failed.</summary>
    public string? Key { get; }

    /// <summary>The task whose workers died (the same key, or one of its dependencies).</summary>
    public string? FailedKey { get; }

    /// <summary>The last worker that died running it.</summary>
    public string? WorkerName { get; }

    /// <summary>Why that worker left, as the scheduler knew it.</summary>
    public string? WorkerReason { get; }
}
