using System.Collections.Concurrent;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Memory;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// Memory headroom before a task: each kind of task (its key prefix) is seen to need so many bytes more while
/// it runs (the chunk pool's peak of leased bytes during the task); before the next task of that kind starts,
/// results are spilled so that the process plus that need stays under 90% of the limit. A facet-sized task
/// then starts in memory freed beforehand, instead of pushing the worker past its terminate threshold faster
/// than the monitor can spill (Dask's workers have no such look-ahead).
/// </summary>
public sealed partial class Worker
{
    /// <summary>Needs below this are not worth spilling ahead for.</summary>
    private const long HeadroomWorthBytes = 64L << 20;

    private readonly ConcurrentDictionary<string, long> _taskNeeds = new(StringComparer.Ordinal);
    private volatile string? _runningKey;

    /// <summary>Spills ahead of a task whose kind needed much memory before; returns the pool's leased bytes now (or -1 when memory is not watched).</summary>
    private long BeginTaskMemory(string key)
    {
        if (_memoryMonitor is null)
        {
            return -1;
        }

        if (_taskNeeds.TryGetValue(KeyCodec.Prefix(key), out long need) && need >= HeadroomWorthBytes)
        {
            // Cached free buffers count as room: the task's allocations reuse them.
            long before = Math.Max(0, WorkerMemoryMonitor.ProcessMemory() - ChunkPool.Shared.FreeBytes);
            long spilled = _store.MakeHeadroom(before, need);
            if (spilled > 0)
            {
                // Spilled buffers went back to the pool (which keeps at most a tenth of the limit): give the rest,
                // and any unreachable temporaries, back to the system before the task allocates.
                MemoryReclaim.Run();
                Log($"headroom for {KeyCodec.Display(key)} (needs {ByteFormat.FormatBytes(need)}): spilled {ByteFormat.FormatBytes(spilled)}; process memory {ByteFormat.FormatBytes(before)} -> {ByteFormat.FormatBytes(WorkerMemoryMonitor.ProcessMemory())}.");
            }
        }

        _runningKey = key;
        return ChunkPool.Shared.ResetPeakLeasedBytes();
    }

    /// <summary>Learns what the task needed: the pool's peak while it ran, over what was leased when it started.</summary>
    /// <remarks>
    /// With several task threads (or transfers landing meanwhile) the peak is the process's, so a need may be
    /// overestimated (spilling a little early), never ignored. Buffers the task left unreachable (the <c>Ones</c> in <c>i * Ones(n, n)</c>, never disposed) are still
    /// leased until their finalizers run; when they add up to more than <see cref="HeadroomWorthBytes"/> a
    /// collection runs now, so that the memory monitor does not count them as the worker's and spill or
    /// terminate for memory nobody uses.
    /// </remarks>
    private void EndTaskMemory(string key, long leasedAtStart, object? result)
    {
        if (leasedAtStart < 0)
        {
            return;
        }

        _runningKey = null;
        long grew = Math.Max(0, ChunkPool.Shared.PeakLeasedBytes - leasedAtStart);
        _taskNeeds.AddOrUpdate(KeyCodec.Prefix(key), grew, (_, old) => Math.Max(old, grew));
        if (ChunkPool.Shared.LeasedBytes - leasedAtStart - DataSize.Of(result) > HeadroomWorthBytes)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }
    }
}
