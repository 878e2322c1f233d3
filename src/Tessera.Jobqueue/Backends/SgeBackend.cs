using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>Sun/Son of/Univa Grid Engine: <c>qsub -terse</c> prints the job id alone.</summary>
internal sealed partial class SgeBackend : JobQueueBackend
{
    public override string Name => "sge";

    public override string DirectivePrefix => "#$";

    public override IReadOnlyList<string> SubmitCommand { get; } = ["qsub", "-terse"];

    public override IReadOnlyList<string> CancelCommand { get; } = ["qdel"];

    public override IReadOnlyList<string> StatusCommand { get; } = ["qstat", "-j"];

    public override Regex JobIdPattern => IdPattern();

    // SGE writes NAME.oID / NAME.eID into the -o / -e directory
    public override (string? Output, string? Error) LogFiles(JobQueueClusterOptions options, string jobId) =>
        options.LogDirectory is null
            ? (null, null)
            : (Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}.o{jobId}")),
               Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}.e{jobId}")));

    private protected override IEnumerable<string> Directives(JobQueueClusterOptions options)
    {
        var sge = As<SgeClusterOptions>(options);
        yield return $"-N {sge.JobName}";
        if (sge.Queue is { } queue) yield return $"-q {queue}";
        if (sge.Account is { } account) yield return $"-P {account}";
        if (sge.ParallelEnvironment is { } pe) yield return $"-pe {pe} {sge.Cores}";
        if (sge.ResourceSpec is { } spec) yield return $"-l {spec}";
        if (sge.Walltime is { } walltime) yield return $"-l h_rt={Walltime.FormatHours(Walltime.Parse(walltime))}";
        yield return "-cwd";
        if (sge.LogDirectory is { } logs)
        {
            yield return $"-e {logs}/";
            yield return $"-o {logs}/";
        }
    }

    // qstat -j only tells whether the job exists, not whether it runs yet
    internal override JobState? ParseState(CommandResult result) =>
        result.ExitCode == 0 ? JobState.Running : IsAlreadyGone(result) ? JobState.Ended : null;

    internal override bool IsAlreadyGone(CommandResult result) =>
        result.StandardError.Contains("do not exist", StringComparison.OrdinalIgnoreCase)
        || result.StandardOutput.Contains("do not exist", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("does not exist", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(?<id>[0-9]+)(\.\S+)?\s*$")]
    private static partial Regex IdPattern();
}
