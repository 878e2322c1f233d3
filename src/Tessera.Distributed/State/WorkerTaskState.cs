namespace Tessera.Distributed.State;

/// <summary>Where a key stands on a worker (the subset of Dask's worker states this runtime needs).</summary>
internal enum WorkerTaskState
{
    /// <summary>A task to compute whose dependencies are not all here yet.</summary>
    Waiting,

    /// <summary>A dependency to fetch from a peer.</summary>
    Fetch,

    /// <summary>A dependency being fetched.</summary>
    Flight,

    /// <summary>A task to compute with all inputs here, waiting for a thread.</summary>
    Ready,

    /// <summary>Running on a thread.</summary>
    Executing,

    /// <summary>Running, but the scheduler no longer wants it: its result will be dropped.</summary>
    Cancelled,

    /// <summary>The value is in this worker's store.</summary>
    Memory,
}
