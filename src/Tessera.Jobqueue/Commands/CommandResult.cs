namespace Tessera.Jobqueue;

/// <summary>What an external command did.</summary>
/// <param name="CommandLine">The command as a shell would show it, for messages.</param>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="StandardOutput">Everything it printed on standard output.</param>
/// <param name="StandardError">Everything it printed on standard error.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Returns this result when the exit code is 0, else throws.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="JobQueueCommandException">The command failed; the message has its command line, exit code and standard error.</exception>
    public CommandResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new JobQueueCommandException(CommandLine, ExitCode, StandardError, StandardOutput);
}
