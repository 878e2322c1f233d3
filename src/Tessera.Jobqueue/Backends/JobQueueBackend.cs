using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>
/// A batch system as data: its submit, cancel and status commands, the pattern of the job id
/// that submission prints, its directive prefix and header lines. The script template, the
/// skipping of directives and the worker command line are the same for all and live here.
/// </summary>
public abstract class JobQueueBackend
{
    private protected JobQueueBackend()
    {
    }

    /// <summary>SLURM: <c>sbatch --parsable</c>, <c>squeue</c>, <c>scancel</c>, <c>#SBATCH</c>.</summary>
    public static JobQueueBackend Slurm { get; } = new SlurmBackend();

    /// <summary>PBS: <c>qsub</c>, <c>qstat</c>, <c>qdel</c>, <c>#PBS</c>.</summary>
    public static JobQueueBackend Pbs { get; } = new PbsBackend();

    /// <summary>SGE: <c>qsub -terse</c>, <c>qstat</c>, <c>qdel</c>, <c>#$</c>.</summary>
    public static JobQueueBackend Sge { get; } = new SgeBackend();

    /// <summary>Short name, also the config section under <c>jobqueue</c>: "slurm", "pbs", "sge".</summary>
    public abstract string Name { get; }

    /// <summary>Prefix of a header directive line, e.g. <c>#SBATCH</c>.</summary>
    public abstract string DirectivePrefix { get; }

    /// <summary>Command that submits the script given on its standard input, e.g. <c>sbatch --parsable</c>.</summary>
    public abstract IReadOnlyList<string> SubmitCommand { get; }

    /// <summary>Command that cancels jobs, given their ids after it, e.g. <c>scancel</c>.</summary>
    public abstract IReadOnlyList<string> CancelCommand { get; }

    /// <summary>Command that prints a job's state, given its id after it, e.g. <c>squeue -h -o %T -j</c>.</summary>
    public abstract IReadOnlyList<string> StatusCommand { get; }

    /// <summary>Finds the job id (group <c>id</c>) in what the submit command prints.</summary>
    public abstract Regex JobIdPattern { get; }

    /// <summary>Renders the whole job script, exactly as it is submitted.</summary>
    /// <param name="options">The cluster's options; their type must be this backend's.</param>
    /// <param name="schedulerAddress">Address the workers connect to, e.g. "tcp://10.0.0.5:8786".</param>
    /// <param name="jobIndex">Index of the job, which names its workers (<c>JobName-INDEX</c>).</param>
    /// <param name="security">Credentials the workers read by path (<c>--tls-ca-file --tls-cert --tls-key</c>); null for none.</param>
    /// <returns>The script, lines ending in "\n".</returns>
    public string JobScript(JobQueueClusterOptions options, string schedulerAddress, int jobIndex = 0, Tessera.Distributed.Security? security = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(schedulerAddress);
        options.Validate();
        var script = new StringBuilder();
        script.Append(options.ShebangLine).Append('\n').Append('\n');
        foreach (string directive in Directives(options))
        {
            string line = $"{DirectivePrefix} {directive}";
            if (!options.JobDirectivesSkip.Any(skip => line.Contains(skip, StringComparison.Ordinal))) script.Append(line).Append('\n');
        }
        foreach (string extra in options.JobExtraDirectives) script.Append(DirectivePrefix).Append(' ').Append(extra).Append('\n');
        script.Append('\n');
        foreach (string line in options.JobScriptPrologue) script.Append(line).Append('\n');
        script.Append(WorkerCommandLine.Render(options, schedulerAddress, jobIndex, security)).Append('\n');
        return script.ToString();
    }

    /// <summary>The backend's name, e.g. "slurm".</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>The job's log files once its id is known (null where the batch system picks them).</summary>
    /// <param name="options">The cluster's options.</param>
    /// <param name="jobId">The job's id.</param>
    /// <returns>Full paths of the output and error logs.</returns>
    public abstract (string? Output, string? Error) LogFiles(JobQueueClusterOptions options, string jobId);

    /// <summary>The generated header directives, without the prefix.</summary>
    private protected abstract IEnumerable<string> Directives(JobQueueClusterOptions options);

    /// <summary>Reads the status command's result; null when it is an error to report.</summary>
    internal abstract JobState? ParseState(CommandResult result);

    /// <summary>Whether a failed cancel only says the job is already gone.</summary>
    internal abstract bool IsAlreadyGone(CommandResult result);

    private protected static TOptions As<TOptions>(JobQueueClusterOptions options)
        where TOptions : JobQueueClusterOptions =>
        options as TOptions ?? throw new ArgumentException($"{options.GetType().Name} cannot be rendered as a {typeof(TOptions).Name[..^"ClusterOptions".Length]} job.", nameof(options));
}
