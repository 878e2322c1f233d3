namespace Tessera.Jobqueue.Tests.Jobs;

/// <summary>Answers batch-system commands from a function and records them.</summary>
internal sealed class FakeCommandRunner(Func<IReadOnlyList<string>, string?, (int ExitCode, string Stdout, string Stderr)> answer) : ICommandRunner
{
    public List<(string CommandLine, string? Input)> Calls { get; } = [];

    public Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string line = string.Join(' ', arguments);
        lock (Calls) Calls.Add((line, standardInput));
        var (code, stdout, stderr) = answer(arguments, standardInput);
        return Task.FromResult(new CommandResult(line, code, stdout, stderr));
    }
}
