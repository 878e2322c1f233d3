namespace Tessera.Jobqueue;

/// <summary>Runs batch-system commands (sbatch, squeue, scancel, qsub …); replaced by a fake in tests.</summary>
public interface ICommandRunner
{
    /// <summary>Runs a program with an argument list (no shell), waits for it and collects its output.</summary>
    /// <param name="arguments">The program, then its arguments.</param>
    /// <param name="standardInput">Text written to its standard input, or null for none.</param>
    /// <param name="timeout">How long it may run before it (and its children) are killed.</param>
    /// <param name="cancellationToken">Kills the command when cancelled.</param>
    /// <returns>Exit code, standard output and standard error, whatever the exit code.</returns>
    /// <exception cref="JobQueueCommandException">The program could not be started, or ran past the timeout.</exception>
    Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, CancellationToken cancellationToken);
}
