using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>SLURM: <c>sbatch --parsable</c> prints "ID" or "ID;CLUSTER".</summary>
internal sealed partial class SlurmBackend : JobQueueBackend
{
    public override string Name => "slurm";

    public override string DirectivePrefix => "#SBATCH";

    public override IReadOnlyList<string> SubmitCommand { get; } = ["sbatch", "--parsable"];

    public override IReadOnlyList<string> CancelCommand { get; } = ["scancel"];

    public override IReadOnlyList<string> StatusCommand { get; } = ["squeue", "-h", "-o", "%T", "-j"];

    public override Regex JobIdPattern => IdPattern();

    public override (string? Output, string? Error) LogFiles(JobQueueClusterOptions options, string jobId) =>
        options.LogDirectory is null
            ? (null, null)
            : (Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}-{jobId}.out")),
               Path.GetFullPath(Path.Combine(options.LogDirectory, $"{options.JobName}-{jobId}.err")));

    private protected override IEnumerable<string> Directives(JobQueueClusterOptions options)
    {
        var slurm = As<SlurmClusterOptions>(options);
        yield return $"-J {slurm.JobName}";
        if (slurm.LogDirectory is { } logs)
        {
            yield return $"-e {Path.Combine(logs, slurm.JobName)}-%J.err";
            yield return $"-o {Path.Combine(logs, slurm.JobName)}-%J.out";
        }
        if (slurm.Queue is { } queue) yield return $"-p {queue}";
        if (slurm.Account is { } account) yield return $"-A {account}";
        yield return "-n 1";
        int cpus = slurm.JobCpu ?? slurm.Cores;
        yield return $"--cpus-per-task={cpus}";
        var memory = MemorySize.Parse(slurm.JobMem ?? slurm.Memory);
        yield return slurm.MemoryDirective == SlurmMemoryDirective.MemPerCpu
            ? $"--mem-per-cpu={memory.Divide(cpus).ToBinaryCeiling("G", "M")}"
            : $"--mem={memory.ToBinaryCeiling("G", "M")}";
        if (slurm.Walltime is { } walltime) yield return $"-t {Walltime.FormatSlurm(Walltime.Parse(walltime))}";
    }

    internal override JobState? ParseState(CommandResult result)
    {
        if (result.ExitCode != 0) return IsAlreadyGone(result) ? JobState.Ended : null;
        string state = result.StandardOutput.Trim();
        return state switch
        {
            "" => JobState.Ended,
            "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" => JobState.Pending,
            "RUNNING" or "SUSPENDED" or "RESIZING" or "SIGNALING" or "STAGE_OUT" => JobState.Running,
            "COMPLETING" or "STOPPED" => JobState.Ending,
            _ => JobState.Ended,
        };
    }

    internal override bool IsAlreadyGone(CommandResult result) =>
        result.StandardError.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("already completing or completed", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(?<id>[0-9]+)(;\S*)?\s*$")]
    private static partial Regex IdPattern();
}
