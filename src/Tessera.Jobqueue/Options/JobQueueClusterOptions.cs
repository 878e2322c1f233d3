namespace Tessera.Jobqueue;

/// <summary>
/// What every batch-system cluster needs to start its workers as jobs, with dask-jobqueue's
/// meanings. Values are checked as they are set: a malformed <see cref="Memory"/> or
/// <see cref="Walltime"/> is refused at construction with the value and the accepted forms.
/// Defaults can come from a config file and environment variables: see <see cref="JobQueueConfiguration"/>.
/// </summary>
public abstract record JobQueueClusterOptions
{
    /// <summary>The batch system these options render for (its commands and header lines).</summary>
    public abstract JobQueueBackend Backend { get; }

    /// <summary>Jobs submitted as soon as the cluster starts.</summary>
    /// <value>Default 0: none until <c>Scale</c> or <c>Adapt</c>.</value>
    public int NWorkers { get; init { ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(NWorkers)); field = value; } }

    /// <summary>CPU cores per job, shared by the job's worker processes (threads = cores / processes).</summary>
    /// <value>Default 1 core.</value>
    public int Cores { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Cores)); field = value; } } = 1;

    /// <summary>Memory per job, e.g. "16GB" (decimal units) or "16GiB" (binary); each worker's limit is this divided by <see cref="Processes"/>.</summary>
    /// <value>Default "2GB" (2 000 000 000 bytes).</value>
    public string Memory { get; init { MemorySize.Parse(value); field = value; } } = "2GB";

    /// <summary>Worker processes per job; each gets Cores / Processes threads.</summary>
    /// <value>Default 1 process.</value>
    public int Processes { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Processes)); field = value; } } = 1;

    /// <summary>
    /// Directory for the workers' spilled data on the node, e.g. "$TMPDIR". It is written into the
    /// script unexpanded (in double quotes), so the node's shell expands it, not the submit host.
    /// </summary>
    /// <value>Default null: the worker's own default.</value>
    public string? LocalDirectory { get; init; }

    /// <summary>Account charged for the jobs (SLURM <c>-A</c>, PBS <c>-A</c>, SGE <c>-P</c>).</summary>
    /// <value>Default null: the user's default account.</value>
    public string? Account { get; init; }

    /// <summary>Queue or partition the jobs go to (SLURM <c>-p</c>, PBS and SGE <c>-q</c>).</summary>
    /// <value>Default null: the batch system's default queue.</value>
    public string? Queue { get; init; }

    /// <summary>
    /// Time limit of each job in SLURM's forms ("01:00:00", "30", "2-00:00:00"). Workers get a
    /// lifetime a little shorter than this (see <see cref="LifetimeMargin"/>) and retire gracefully before it.
    /// </summary>
    /// <value>Default "01:00:00" (one hour). Null: no limit asked and no worker lifetime.</value>
    public string? Walltime { get; init { if (value is not null) Tessera.Jobqueue.Walltime.Parse(value); field = value; } } = "01:00:00";

    /// <summary>
    /// Network interface whose IPv4 address the scheduler binds to and the workers advertise, e.g. "ib0", "eth0", "lo".
    /// </summary>
    /// <value>Default null: the host's default address.</value>
    public string? Interface { get; init; }

    /// <summary>Directory for the jobs' output and error logs; created before submission when missing (SLURM fails jobs whose log directory does not exist).</summary>
    /// <value>Default null: the batch system's default (the submit directory).</value>
    public string? LogDirectory { get; init; }

    /// <summary>Extra header directives, written after the generated ones with the backend's prefix, e.g. "--qos=cpu_2019_40".</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> JobExtraDirectives { get; init; } = [];

    /// <summary>Name of the jobs, and the prefix of the worker names (<c>NAME-INDEX</c>).</summary>
    /// <value>Default "tessera-worker".</value>
    public string JobName { get; init { ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(JobName)); field = value; } } = "tessera-worker";

    /// <summary>Shell lines run before the worker starts, e.g. "module load dotnet".</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> JobScriptPrologue { get; init; } = [];

    /// <summary>Extra arguments appended to the worker command line (each shell-quoted; <c>$VARS</c> still expand).</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> WorkerExtraArgs { get; init; } = [];

    /// <summary>Generated header lines containing any of these strings are left out, e.g. "--mem" on sites that refuse it.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> JobDirectivesSkip { get; init; } = [];

    /// <summary>Seconds a worker keeps trying to reach the scheduler before it exits.</summary>
    /// <value>Default 60 seconds. Null: the worker's own default.</value>
    public TimeSpan? DeathTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The worker program as the nodes' shell runs it, before the scheduler address and the flags,
    /// e.g. "dotnet /opt/tessera/tessera.dll worker". Written verbatim (shell syntax is kept).
    /// </summary>
    /// <value>
    /// Default <see cref="Tessera.Distributed.Hosting.WorkerLauncher.DefaultCommandLine"/>: this application's own
    /// files run by the same <c>dotnet</c> (<c>dotnet exec … Tessera.Distributed.dll worker</c>), which works where
    /// the nodes share the submit host's file system. Set "tessera worker" to use the <c>tessera</c> tool on the nodes' PATH.
    /// </value>
    public string WorkerCommand { get; init { ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(WorkerCommand)); field = value; } } = Tessera.Distributed.Hosting.WorkerLauncher.DefaultCommandLine();

    /// <summary>
    /// The credentials of every connection: the scheduler (in this process), the workers in the jobs and the clients use
    /// mutual TLS on <c>tls://</c> addresses. In-memory credentials are written for the jobs as owner-only files in a
    /// new directory under <see cref="CredentialDirectory"/>, referenced from the job script and deleted at close.
    /// </summary>
    /// <value>Default null: <see cref="Tessera.Distributed.Security.Temporary"/>, made for the cluster. <see cref="Tessera.Distributed.Security.None"/> turns security off (a warning is logged: the scheduler is reachable from the cluster network).</value>
    public Tessera.Distributed.Security? Security { get; init; }

    /// <summary>
    /// Where temporary credentials are written for the jobs: a new owner-only (0700) directory is made under it for
    /// each cluster. It must be on a file system the compute nodes read, and private to the user (as a home directory is).
    /// </summary>
    /// <value>Default null: <c>~/.tessera/credentials</c>.</value>
    public string? CredentialDirectory { get; init; }

    /// <summary>TCP port the in-process scheduler listens on (at the address of <see cref="Interface"/>).</summary>
    /// <value>Default 0: a free port chosen when the cluster starts.</value>
    public int SchedulerPort { get; init { ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(SchedulerPort)); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535, nameof(SchedulerPort)); field = value; } }

    /// <summary>First line of the job script.</summary>
    /// <value>Default "#!/usr/bin/env bash".</value>
    public string ShebangLine { get; init; } = "#!/usr/bin/env bash";

    /// <summary>
    /// How long before the walltime workers retire: their lifetime is the walltime minus
    /// the smaller of this and a quarter of the walltime, staggered by a third of that margin.
    /// </summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan LifetimeMargin { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(LifetimeMargin)); field = value; } } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// With a <see cref="Walltime"/>, how long before its workers' lifetime ends a running job counts as
    /// leaving: the cluster then submits its replacement, so the new workers have joined when the old ones
    /// retire and hand over their results. The leaving job is not cancelled; it ends when its workers have
    /// retired. Counted from when the job was first seen running; at most half the workers' lifetime.
    /// </summary>
    /// <value>Default null: the lifetime margin (the smaller of <see cref="LifetimeMargin"/> and a quarter of the walltime), e.g. 5 minutes for a one-hour walltime, 15 seconds for one minute.</value>
    public TimeSpan? ReplacementLead { get; init { if (value is { } v) ArgumentOutOfRangeException.ThrowIfLessThan(v, TimeSpan.Zero, nameof(ReplacementLead)); field = value; } }

    /// <summary>A job still PENDING this long after submission is reported with its id and log files.</summary>
    /// <value>Default 10 minutes.</value>
    public TimeSpan PendingTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often job states are polled (squeue, qstat).</summary>
    /// <value>Default 2 seconds.</value>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one batch-system command (sbatch, squeue, scancel) may run before it is killed.</summary>
    /// <value>Default 60 seconds.</value>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Memory per job in bytes.</summary>
    public MemorySize MemoryBytes => MemorySize.Parse(Memory);

    /// <summary>Each worker's memory limit: <see cref="Memory"/> / <see cref="Processes"/>.</summary>
    public MemorySize WorkerMemoryLimit => MemoryBytes.Divide(Processes);

    /// <summary>Threads per worker: <see cref="Cores"/> / <see cref="Processes"/>.</summary>
    public int WorkerThreads => Math.Max(1, Cores / Processes);

    /// <summary>Checks the values that depend on each other (and what setting one at a time cannot).</summary>
    /// <exception cref="ArgumentException">A value, named in the message, is not usable.</exception>
    public virtual void Validate()
    {
        if (Processes > Cores)
            throw new ArgumentException($"Processes ({Processes}) is more than Cores ({Cores}): each worker process needs at least one core.", nameof(Processes));
        if (Cores % Processes != 0)
            throw new ArgumentException($"Cores ({Cores}) is not a multiple of Processes ({Processes}): each worker gets Cores / Processes threads.", nameof(Cores));
        ScriptValues.Word(Queue, nameof(Queue));
        ScriptValues.Word(Account, nameof(Account));
        ScriptValues.Word(JobName, nameof(JobName));
        ScriptValues.Word(LogDirectory, nameof(LogDirectory));
        ScriptValues.Line(Interface, nameof(Interface));
        ScriptValues.Line(LocalDirectory, nameof(LocalDirectory));
        ScriptValues.Line(ShebangLine, nameof(ShebangLine));
        ScriptValues.Line(WorkerCommand, nameof(WorkerCommand));
        ScriptValues.Lines(JobExtraDirectives, nameof(JobExtraDirectives));
        ScriptValues.Lines(JobDirectivesSkip, nameof(JobDirectivesSkip));
        ScriptValues.Lines(JobScriptPrologue, nameof(JobScriptPrologue));
        ScriptValues.Lines(WorkerExtraArgs, nameof(WorkerExtraArgs));
    }
}
