namespace Tessera.Jobqueue;

/// <summary>A batch-system command failed: an sbatch rejection, a missing program, a timeout.</summary>
public sealed class JobQueueCommandException : Exception
{
    /// <summary>Creates the exception for a command that ran and failed.</summary>
    /// <param name="commandLine">The command as a shell would show it.</param>
    /// <param name="exitCode">Its exit status, or null when it did not finish.</param>
    /// <param name="standardError">What it printed on standard error.</param>
    /// <param name="standardOutput">What it printed on standard output.</param>
    /// <param name="reason">Why it failed, when not an exit code (e.g. "timed out after 60 s").</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public JobQueueCommandException(string commandLine, int? exitCode, string standardError, string standardOutput = "", string? reason = null, Exception? innerException = null)
        : base(Describe(commandLine, exitCode, standardError, reason), innerException)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardError = standardError;
        StandardOutput = standardOutput;
    }

    /// <summary>Creates the exception with a message.</summary>
    public JobQueueCommandException() : this("(unknown command)", null, "")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobQueueCommandException(string message) : this(message, null, "")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobQueueCommandException(string message, Exception innerException) : this(message, null, "", "", null, innerException)
    {
    }

    /// <summary>The command as a shell would show it, e.g. <c>sbatch --parsable</c>.</summary>
    public string CommandLine { get; }

    /// <summary>Its exit status; null when it could not start or was killed on timeout.</summary>
    public int? ExitCode { get; }

    /// <summary>What it printed on standard error (SLURM's reason for a rejection).</summary>
    public string StandardError { get; }

    /// <summary>What it printed on standard output.</summary>
    public string StandardOutput { get; }

    private static string Describe(string commandLine, int? exitCode, string standardError, string? reason)
    {
        string how = reason ?? (exitCode is int code ? $"failed with exit code {code}" : "failed");
        string error = standardError.Trim();
        return error.Length == 0 ? $"`{commandLine}` {how}." : $"`{commandLine}` {how}: {error}";
    }
}
