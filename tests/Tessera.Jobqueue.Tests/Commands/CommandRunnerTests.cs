namespace Tessera.Jobqueue.Tests.Commands;

public class CommandRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly CommandRunner runner = new();

    [Fact]
    public async Task Output_IsCollectedAndArgumentsAreNotShellParsed()
    {
        var result = await runner.RunAsync(["printf", "%s|", "a b", "$HOME", "it's"], null, Timeout, CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b|$HOME|it's|", result.StandardOutput);
        Assert.Equal("printf '%s|' 'a b' \"$HOME\" 'it'\\''s'", result.CommandLine);
    }

    [Fact]
    public async Task StandardInput_IsWritten()
    {
        var result = await runner.RunAsync(["cat"], "#!/bin/bash\necho hi\n", Timeout, CancellationToken.None);
        Assert.Equal("#!/bin/bash\necho hi\n", result.StandardOutput);
    }

    [Fact]
    public async Task Failure_NamesCommandExitCodeAndStandardError()
    {
        var result = await runner.RunAsync(["sh", "-c", "echo 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2; exit 1"], null, Timeout, CancellationToken.None);
        var error = Assert.Throws<JobQueueCommandException>(() => result.EnsureSuccess());
        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith("`sh -c ", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed with exit code 1: sbatch: error: Batch job submission failed: Invalid partition name specified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProgram_SaysItCouldNotStart()
    {
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() => runner.RunAsync(["no-such-sbatch-here"], null, Timeout, CancellationToken.None));
        Assert.Contains("could not be started", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ExitCode);
    }

    [Fact]
    public async Task Timeout_KillsTheCommandAndItsChildren()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"tessera-runner-{Guid.NewGuid():N}");
        var error = await Assert.ThrowsAsync<JobQueueCommandException>(() =>
            runner.RunAsync(["sh", "-c", $"sleep 30; touch {marker}"], null, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.Contains("timed out after 0.3 s and was killed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Cancellation_KillsTheCommand()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(["sleep", "30"], null, Timeout, cancel.Token));
    }
}
