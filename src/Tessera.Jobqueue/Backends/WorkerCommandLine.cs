using System.Globalization;
using System.Text;

namespace Tessera.Jobqueue;

/// <summary>The worker command at the end of every job script, whatever the batch system.</summary>
internal static class WorkerCommandLine
{
    public static string Render(JobQueueClusterOptions options, string schedulerAddress, int jobIndex, Tessera.Distributed.Security? security = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jobIndex);
        var line = new StringBuilder(options.WorkerCommand);
        void Add(params string[] words)
        {
            foreach (string word in words) line.Append(' ').Append(ShellQuoting.Quote(word));
        }
        Add(schedulerAddress);
        Add("--nthreads", options.WorkerThreads.ToString(CultureInfo.InvariantCulture));
        Add("--nworkers", options.Processes.ToString(CultureInfo.InvariantCulture));
        Add("--memory-limit", options.WorkerMemoryLimit.ToString());
        Add("--name", string.Create(CultureInfo.InvariantCulture, $"{options.JobName}-{jobIndex}"));
        if (options.LocalDirectory is { } local) Add("--local-directory", local);
        if (Lifetime(options) is var (lifetime, stagger))
        {
            Add("--lifetime", Seconds(lifetime), "--lifetime-stagger", Seconds(stagger));
        }
        if (options.DeathTimeout is { } death) Add("--death-timeout", Seconds(death));
        if (options.Interface is { } nic) Add("--interface", nic);
        if (security is not null) Add([.. security.WorkerArguments()]);
        foreach (string extra in options.WorkerExtraArgs) Add(extra);
        return line.ToString();
    }

    /// <summary>
    /// The worker's lifetime: walltime minus a margin (<see cref="JobQueueClusterOptions.LifetimeMargin"/>,
    /// at most a quarter of the walltime), staggered by a third of that margin, so that a job's workers
    /// retire gracefully, and not all at once, before the batch system kills them.
    /// </summary>
    public static (TimeSpan Lifetime, TimeSpan Stagger)? Lifetime(JobQueueClusterOptions options)
    {
        if (options.Walltime is null) return null;
        TimeSpan walltime = Walltime.Parse(options.Walltime);
        TimeSpan margin = options.LifetimeMargin < walltime / 4 ? options.LifetimeMargin : walltime / 4;
        return (walltime - margin, margin / 3);
    }

    /// <summary>
    /// How long after a job is first seen running it counts as leaving and is replaced: the workers'
    /// lifetime (before the stagger) minus <see cref="JobQueueClusterOptions.ReplacementLead"/> (default
    /// the lifetime margin), the lead being at most half the lifetime. Null without a walltime.
    /// </summary>
    public static TimeSpan? LeavingAfter(JobQueueClusterOptions options)
    {
        if (Lifetime(options) is not var (lifetime, _)) return null;
        TimeSpan margin = Walltime.Parse(options.Walltime!) - lifetime;
        TimeSpan lead = options.ReplacementLead ?? margin;
        return lifetime - (lead < lifetime / 2 ? lead : lifetime / 2);
    }

    private static string Seconds(TimeSpan value) =>
        ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
