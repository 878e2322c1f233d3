using System.CommandLine;
using Tessera.Jobqueue;

namespace Tessera.Cli.JobScript;

/// <summary>The <c>job-script</c> options every batch system shares, one per <see cref="JobQueueClusterOptions"/> property.</summary>
internal sealed class CommonJobScriptOptions
{
    public Option<string?> Queue { get; } = new("--queue") { Description = "Queue or partition (SLURM -p, PBS/SGE -q)." };

    public Option<string?> Account { get; } = new("--account") { Description = "Account charged (SLURM/PBS -A, SGE -P)." };

    public Option<int?> Cores { get; } = new("--cores") { Description = "CPU cores per job (default 1)." };

    public Option<string?> Memory { get; } = new("--memory") { Description = "Memory per job, e.g. 16GB or 16GiB (default 2GB)." };

    public Option<int?> Processes { get; } = new("--processes") { Description = "Worker processes per job; threads = cores / processes (default 1)." };

    public Option<string?> Walltime { get; } = new("--walltime") { Description = "Time limit per job, e.g. 01:00:00 (default 01:00:00)." };

    public Option<string?> Interface { get; } = new("--interface") { Description = "Network interface the scheduler binds to and workers advertise, e.g. ib0." };

    public Option<string?> LogDirectory { get; } = new("--log-directory") { Description = "Directory of the jobs' .out/.err logs." };

    public Option<string?> LocalDirectory { get; } = new("--local-directory") { Description = "Workers' local directory on the node, e.g. '$TMPDIR' (expanded on the node)." };

    public Option<string[]> JobExtraDirectives { get; } = new("--job-extra-directive") { Description = "Extra header directive, repeatable, e.g. --job-extra-directive=--qos=cpu_2019_40." };

    public Option<string?> JobName { get; } = new("--job-name") { Description = "Job name and worker-name prefix (default tessera-worker)." };

    public Option<string[]> Prologue { get; } = new("--prologue") { Description = "Shell line run before the worker, repeatable, e.g. 'module load dotnet'." };

    public Option<string[]> WorkerExtraArgs { get; } = new("--worker-extra-arg") { Description = "Extra worker argument, repeatable (use --worker-extra-arg=--flag)." };

    public Option<string[]> JobDirectivesSkip { get; } = new("--job-directives-skip") { Description = "Leave out generated header lines containing this text, repeatable." };

    public Option<int?> DeathTimeout { get; } = new("--death-timeout") { Description = "Seconds a worker keeps trying to reach the scheduler (default 60)." };

    public Option<string?> WorkerCommand { get; } = new("--worker-command") { Description = "The worker program as the nodes run it (default: this tessera's own files run by the same dotnet, `dotnet exec … Tessera.Distributed.dll worker`; 'tessera worker' uses the tool on the nodes' PATH)." };

    public Option<string?> Shebang { get; } = new("--shebang") { Description = "First line of the script (default '#!/usr/bin/env bash')." };

    public Option<int?> LifetimeMargin { get; } = new("--lifetime-margin") { Description = "Seconds before the walltime that workers retire (default 300)." };

    public Option<string?> SchedulerAddress { get; } = new("--scheduler-address") { Description = "Address workers connect to (default tcp://ADDRESS-OF-INTERFACE:8786, or this host's name)." };

    public Option<int> JobIndex { get; } = new("--job-index") { Description = "Index naming the job's workers (NAME-INDEX).", DefaultValueFactory = _ => 0 };

    public Option<string?> Config { get; } = new("--config") { Description = "JSON config file with a jobqueue section (default $TESSERA_CONFIG or ~/.config/tessera/tessera.json)." };

    public void AddTo(Command command)
    {
        Option[] all =
        [
            Queue, Account, Cores, Memory, Processes, Walltime, Interface, LogDirectory, LocalDirectory, JobExtraDirectives, JobName,
            Prologue, WorkerExtraArgs, JobDirectivesSkip, DeathTimeout, WorkerCommand, Shebang, LifetimeMargin, SchedulerAddress, JobIndex, Config,
        ];
        foreach (var option in all) command.Options.Add(option);
    }

    public JobQueueClusterOptions Apply(JobQueueClusterOptions o, ParseResult parse)
    {
        IReadOnlyList<string> List(Option<string[]> option, IReadOnlyList<string> current) =>
            parse.GetValue(option) is { Length: > 0 } given ? given : current;
        int? deathTimeout = parse.GetValue(DeathTimeout);
        int? lifetimeMargin = parse.GetValue(LifetimeMargin);
        return o with
        {
            Queue = parse.GetValue(Queue) ?? o.Queue,
            Account = parse.GetValue(Account) ?? o.Account,
            Cores = parse.GetValue(Cores) ?? o.Cores,
            Memory = parse.GetValue(Memory) ?? o.Memory,
            Processes = parse.GetValue(Processes) ?? o.Processes,
            Walltime = parse.GetValue(Walltime) ?? o.Walltime,
            Interface = parse.GetValue(Interface) ?? o.Interface,
            LogDirectory = parse.GetValue(LogDirectory) ?? o.LogDirectory,
            LocalDirectory = parse.GetValue(LocalDirectory) ?? o.LocalDirectory,
            JobExtraDirectives = List(JobExtraDirectives, o.JobExtraDirectives),
            JobName = parse.GetValue(JobName) ?? o.JobName,
            JobScriptPrologue = List(Prologue, o.JobScriptPrologue),
            WorkerExtraArgs = List(WorkerExtraArgs, o.WorkerExtraArgs),
            JobDirectivesSkip = List(JobDirectivesSkip, o.JobDirectivesSkip),
            DeathTimeout = deathTimeout is int seconds ? TimeSpan.FromSeconds(seconds) : o.DeathTimeout,
            WorkerCommand = parse.GetValue(WorkerCommand) ?? o.WorkerCommand,
            ShebangLine = parse.GetValue(Shebang) ?? o.ShebangLine,
            LifetimeMargin = lifetimeMargin is int margin ? TimeSpan.FromSeconds(margin) : o.LifetimeMargin,
        };
    }
}
