namespace Tessera.Distributed.State;

/// <summary>Where a task stands at the scheduler (Dask's scheduler task states, minus the ones we never need).</summary>
internal enum SchedulerTaskState
{
    /// <summary>Known, not wanted by anyone running.</summary>
    Released,

    /// <summary>Some dependencies are not in memory yet.</summary>
    Waiting,

    /// <summary>Ready and root-ish: held at the scheduler until a worker has a free slot.</summary>
    Queued,

    /// <summary>Ready but no worker is connected.</summary>
    NoWorker,

    /// <summary>Sent to a worker.</summary>
    Processing,

    /// <summary>Its value is held by at least one worker.</summary>
    Memory,

    /// <summary>It or a dependency raised.</summary>
    Erred,

    /// <summary>Dropped from the scheduler.</summary>
    Forgotten,
}
