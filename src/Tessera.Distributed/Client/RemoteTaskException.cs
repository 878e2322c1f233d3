namespace Tessera.Distributed;

/// <summary>A task raised on a worker; carries the remote exception's type, message, stack trace and the worker's name.</summary>
public sealed class RemoteTaskException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public RemoteTaskException()
        : base("A task failed on a worker.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RemoteTaskException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteTaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal RemoteTaskException(string key, string failedKey, Protocol.ErrorInfo error)
        : base(Describe(key, failedKey, error))
    {
        Key = key;
        FailedKey = failedKey;
        RemoteExceptionType = error.ExceptionType;
        RemoteMessage = error.Message;
        RemoteStackTrace = error.RemoteStack;
        WorkerName = error.Worker;
    }

    /// <summary>The key the client asked for.</summary>
    public string? Key { get; }

    /// <summary>The task that raised (the same key, or one of its dependencies).</summary>
    public string? FailedKey { get; }

    /// <summary>Full name of the exception type raised on the worker, e.g. <c>System.DivideByZeroException</c>.</summary>
    public string? RemoteExceptionType { get; }

    /// <summary>The remote exception's message.</summary>
    public string? RemoteMessage { get; }

    /// <summary>The remote exception as its <c>ToString()</c> printed it on the worker, stack trace included.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>The worker it ran on.</summary>
    public string? WorkerName { get; }

    private static string Describe(string key, string failedKey, Protocol.ErrorInfo e)
    {
        string where = failedKey == key ? $"Task {Protocol.KeyCodec.Display(key)}" : $"Task {Protocol.KeyCodec.Display(key)} failed because its dependency {Protocol.KeyCodec.Display(failedKey)}";
        return $"{where} raised {e.ExceptionType} on worker {e.Worker}: {e.Message}" + (string.IsNullOrEmpty(e.RemoteStack) ? "" : Environment.NewLine + "Remote stack trace:" + Environment.NewLine + e.RemoteStack);
    }
}
