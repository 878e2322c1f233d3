using Tessera.Distributed.Hosting;

namespace Tessera.Distributed.Memory;

/// <summary>
/// A worker's memory limit and the fractions of it at which it spills, pauses and terminates (Dask's
/// <c>distributed.worker.memory.target/spill/pause/terminate</c>). A null fraction disables that step;
/// a limit of 0 disables all of them.
/// </summary>
/// <param name="Limit">Bytes; 0 for no limit.</param>
/// <param name="Target">Managed (stored) bytes above this fraction are spilled, least recently used first.</param>
/// <param name="Spill">Process memory above this fraction spills until the estimate is under the target.</param>
/// <param name="Pause">Process memory above this fraction pauses the worker.</param>
/// <param name="Terminate">Process memory above this fraction ends the worker process.</param>
internal sealed record MemoryThresholds(long Limit, double? Target, double? Spill, double? Pause, double? Terminate)
{
    /// <summary>A paused worker resumes once process memory is this fraction of the limit below the pause threshold.</summary>
    public const double ResumeMargin = 0.05;

    /// <summary>No limit: nothing is ever spilled, paused or terminated.</summary>
    public static MemoryThresholds None { get; } = new(0, null, null, null, null);

    /// <summary>Whether any threshold applies.</summary>
    public bool Enabled => Limit > 0;

    /// <summary>Whether process-memory readings matter (spill, pause or terminate set).</summary>
    public bool WatchesProcess => Enabled && (Spill is not null || Pause is not null || Terminate is not null);

    /// <summary>The thresholds of <paramref name="options"/>; process-memory thresholds only when the worker owns its process.</summary>
    /// <param name="options">The worker's options.</param>
    /// <param name="ownsProcess">
    /// Whether the process is this worker's alone (<c>tessera worker</c> with one worker). An in-process worker shares
    /// the process with the client and other workers, so it only spills its managed data above the target.
    /// </param>
    public static MemoryThresholds From(WorkerOptions options, bool ownsProcess)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MemoryLimit <= 0)
        {
            return None;
        }

        return ownsProcess
            ? new(options.MemoryLimit, options.MemoryTargetFraction, options.MemorySpillFraction, options.MemoryPauseFraction, options.MemoryTerminateFraction)
            : new(options.MemoryLimit, options.MemoryTargetFraction, null, null, null);
    }

    /// <summary>
    /// Bytes a worker may have in flight from peers: <see cref="WorkerOptions.MemoryTransferFraction"/> of its limit (at
    /// least 1), or <see cref="long.MaxValue"/> (no budget) with no limit or no fraction.
    /// </summary>
    /// <param name="options">The worker's options.</param>
    public static long TransferBudget(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MemoryLimit > 0 && options.MemoryTransferFraction is { } f ? Math.Max(1, (long)(f * options.MemoryLimit)) : long.MaxValue;
    }

    /// <summary>Bytes for <paramref name="fraction"/> of the limit.</summary>
    public long Bytes(double fraction) => (long)(fraction * Limit);
}
