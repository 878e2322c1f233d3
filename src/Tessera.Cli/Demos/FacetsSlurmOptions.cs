using System.CommandLine;
using Tessera.Jobqueue;

namespace Tessera.Cli.Demos;

/// <summary>The <c>--slurm</c> options of <c>tessera demo facets</c>: the notebook's <c>SLURMCluster</c> cell.</summary>
internal sealed class FacetsSlurmOptions
{
    public Option<bool> Slurm { get; } = new("--slurm") { Description = "Run on workers started as SLURM jobs (SlurmCluster) instead of a LocalCluster." };

    public Option<string?> Queue { get; } = new("--queue") { Description = "SLURM partition (-p) of the worker jobs." };

    public Option<string?> Account { get; } = new("--account") { Description = "SLURM account (-A) of the worker jobs." };

    public Option<string?> Walltime { get; } = new("--walltime") { Description = "Time limit per job, e.g. 01:00:00 (default 01:00:00)." };

    public Option<int?> Cores { get; } = new("--cores") { Description = "CPU cores per job (default 1)." };

    public Option<string?> Memory { get; } = new("--memory") { Description = "Memory per job, e.g. 16GB (default 2GB)." };

    public Option<int?> Processes { get; } = new("--processes") { Description = "Worker processes per job (default 1)." };

    public Option<int> Jobs { get; } = new("--jobs") { Description = "Jobs submitted at start.", DefaultValueFactory = _ => 1 };

    public Option<string?> Interface { get; } = new("--interface") { Description = "Network interface the scheduler binds to and workers advertise, e.g. ib0 or lo." };

    public Option<string?> LogDirectory { get; } = new("--log-directory") { Description = "Directory of the jobs' .out/.err logs (created if missing)." };

    public Option<string?> LocalDirectory { get; } = new("--local-directory") { Description = "Workers' local directory on the node, e.g. '$TMPDIR'." };

    public Option<string[]> JobExtraDirectives { get; } = new("--job-extra-directive") { Description = "Extra #SBATCH directive, repeatable, e.g. --job-extra-directive=--qos=cpu_2019_40." };

    public void AddTo(Command command)
    {
        Option[] all = [Slurm, Queue, Account, Walltime, Cores, Memory, Processes, Jobs, Interface, LogDirectory, LocalDirectory, JobExtraDirectives];
        foreach (Option option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The cluster options, or null without <c>--slurm</c>; a malformed value throws <see cref="ArgumentException"/>.</summary>
    public SlurmClusterOptions? Read(ParseResult parse)
    {
        if (!parse.GetValue(Slurm))
        {
            return null;
        }

        var defaults = new SlurmClusterOptions();
        return new SlurmClusterOptions
        {
            NWorkers = parse.GetValue(Jobs),
            Queue = parse.GetValue(Queue),
            Account = parse.GetValue(Account),
            Walltime = parse.GetValue(Walltime) ?? defaults.Walltime,
            Cores = parse.GetValue(Cores) ?? defaults.Cores,
            Memory = parse.GetValue(Memory) ?? defaults.Memory,
            Processes = parse.GetValue(Processes) ?? defaults.Processes,
            Interface = parse.GetValue(Interface),
            LogDirectory = parse.GetValue(LogDirectory),
            LocalDirectory = parse.GetValue(LocalDirectory),
            JobExtraDirectives = parse.GetValue(JobExtraDirectives) ?? [],
        };
    }
}
