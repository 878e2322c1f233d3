using System.ComponentModel;
using System.Diagnostics;

namespace Tessera.Jobqueue;

/// <summary>
/// The one runner of batch-system commands: a process with an argument list (never a shell
/// string), standard input, a timeout after which the command and its children are killed,
/// and cancellation.
/// </summary>
/// <param name="timeProvider">Clock for the timeout; default <see cref="TimeProvider.System"/>.</param>
public sealed class CommandRunner(TimeProvider? timeProvider = null) : ICommandRunner
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count, nameof(arguments));
        string commandLine = string.Join(' ', arguments.Select(ShellQuoting.Quote));
        var start = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new JobQueueCommandException(commandLine, null, "", "", $"could not be started ({e.Message}; is {arguments[0]} on PATH?)", e);
        }
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            try
            {
                if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput.AsMemory(), linked.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the command exited without reading its input: its exit code tells why
            }
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            string error = await stderr.ConfigureAwait(false);
            throw new JobQueueCommandException(commandLine, null, error, await stdout.ConfigureAwait(false), $"timed out after {timeout.TotalSeconds:0.#} s and was killed");
        }
        return new CommandResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // it exited on its own meanwhile
        }
    }
}
