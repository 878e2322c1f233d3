using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>PBS (OpenPBS, PBS Pro, Torque): <c>qsub</c> prints "ID.SERVER".</summary>
internal sealed partial class PbsBackend : JobQueueBackend
{
    public override string Name => "pbs";

    public override string DirectivePrefix => "#PBS";

    public override IReadOnlyList<string> SubmitCommand { get; } = ["qsub"];

    public override IReadOnlyList<string> CancelCommand { get; } = ["qdel"];

    public override IReadOnlyList<string> StatusCommand { get; } = ["qstat", "-f"];

    public override Regex JobIdPattern => IdPattern();

    // PBS writes NAME.oNUMBER / NAME.eNUMBER into the -o / -e directory
    public override (string? Output, string? Error) LogFiles(JobQueueClusterOptions options, string jobId)
    {
        if (options.LogDirectory is null) return (null, null);
        string number = jobId.Split('.')[0];
        return (Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}.o{number}")),
                Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}.e{number}")));
    }

    private protected override IEnumerable<string> Directives(JobQueueClusterOptions options)
    {
        var pbs = As<PbsClusterOptions>(options);
        yield return $"-N {pbs.JobName}";
        if (pbs.Queue is { } queue) yield return $"-q {queue}";
        if (pbs.Account is { } account) yield return $"-A {account}";
        string memory = MemorySize.Parse(pbs.JobMem ?? pbs.Memory).ToBinaryCeiling("gb", "mb");
        yield return $"-l {pbs.ResourceSpec ?? $"select=1:ncpus={pbs.JobCpu ?? pbs.Cores}:mem={memory}"}";
        if (pbs.Walltime is { } walltime) yield return $"-l walltime={Walltime.FormatHours(Walltime.Parse(walltime))}";
        if (pbs.LogDirectory is { } logs)
        {
            yield return $"-e {logs}/";
            yield return $"-o {logs}/";
        }
    }

    internal override JobState? ParseState(CommandResult result)
    {
        if (result.ExitCode != 0) return IsAlreadyGone(result) ? JobState.Ended : null;
        var match = StatePattern().Match(result.StandardOutput);
        if (!match.Success) return JobState.Ended;
        return match.Groups["s"].Value switch
        {
            "Q" or "H" or "W" or "T" or "B" => JobState.Pending,
            "R" or "S" or "U" => JobState.Running,
            "E" => JobState.Ending,
            _ => JobState.Ended,
        };
    }

    internal override bool IsAlreadyGone(CommandResult result) =>
        result.StandardError.Contains("Unknown Job Id", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("has finished", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(?<id>[0-9]+(\.\S+)?)\s*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"job_state\s*=\s*(?<s>[A-Z])")]
    private static partial Regex StatePattern();
}
