namespace Tessera.Jobqueue.Tests.Live;

/// <summary>What a live test saw of a cluster's jobs while it ran.</summary>
internal sealed class JobWatch
{
    /// <summary>Most jobs (pending or running) at once.</summary>
    public int MostJobs { get; set; }

    /// <summary>Most leaving jobs at once.</summary>
    public int MostLeaving { get; set; }

    /// <summary>When the first of the initial jobs was seen ended, or null.</summary>
    public DateTimeOffset? FirstEnded { get; set; }

    /// <summary>The other jobs submitted by then.</summary>
    public IReadOnlyList<JobHandle> ReplacementsWhenFirstEnded { get; set; } = [];

    /// <summary>How many other jobs were submitted when all initial jobs had ended (and no replacement was leaving yet), or null.</summary>
    public int? ReplacementsWhenAllEnded { get; set; }
}
