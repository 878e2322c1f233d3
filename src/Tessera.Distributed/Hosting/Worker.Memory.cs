using System.Globalization;
using Tessera.Distributed.Memory;

namespace Tessera.Distributed.Hosting;

/// <summary>The worker's memory management: spill store, process-memory monitor, pause and terminate.</summary>
public sealed partial class Worker
{
    private readonly PauseGate _pauseGate = new();
    private WorkerMemoryMonitor? _memoryMonitor;
    private long _lastReclaim;

    /// <summary>Bytes of results on disk (tests and heartbeats read it).</summary>
    internal long SpilledBytes => _store.SpilledBytes;

    /// <summary>Results written to disk so far.</summary>
    internal long SpillWrites => _store.SpillWrites;

    /// <summary>Whether the worker is paused for memory.</summary>
    internal bool IsPaused => _pauseGate.IsPaused;

    private static WorkerStore CreateStore(WorkerOptions options, string name)
    {
        MemoryThresholds thresholds = MemoryThresholds.From(options, options.OwnsProcess);
        string local = Files.PrivateDirectory.ForLocalDirectory(options.LocalDirectory);
        string safe = string.Concat(name.Select(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return new WorkerStore(thresholds, Path.Combine(local, "spill", safe + "-" + Guid.NewGuid().ToString("N")[..6]));
    }

    private void StartMemoryMonitor()
    {
        MemoryThresholds thresholds = MemoryThresholds.From(_options, _options.OwnsProcess);
        if (!thresholds.WatchesProcess)
        {
            return;
        }

        // Freed buffers stay in the chunk pool for the next task of the same size (fresh pages cost ~0.1 s per GiB, and
        // on a VM that backs them lazily much more), but only while the pool's footprint (buffers in use plus cached) stays
        // a tenth of the limit below the spill threshold: cached buffers never make the worker spill or pause, and spilling
        // still lowers the process's memory. The free lists are dropped whenever memory runs high (MemoryReclaim), and
        // headroom counts them as room. (A flat third of the limit was tried once: at a 6 GiB limit the cached 2 GiB made
        // workers pause.)
        long highWater = thresholds.Bytes(thresholds.Spill ?? thresholds.Pause ?? thresholds.Terminate ?? 1);
        ChunkPool.Shared.MaxFreeBytes = Math.Min(ChunkPool.Shared.MaxFreeBytes, thresholds.Limit / 2);
        ChunkPool.Shared.MaxFootprintBytes = Math.Max(0, highWater - thresholds.Limit / 10);
        _lastReclaim = _options.TimeProvider.GetTimestamp();
        _memoryMonitor = new WorkerMemoryMonitor(_options.TimeProvider, _options.MemoryMonitorInterval, WorkerMemoryMonitor.ProcessMemory, rss => CheckMemory(thresholds, rss), OnMemoryAction);
    }

    private async Task StopMemoryMonitorAsync()
    {
        if (_memoryMonitor is not null)
        {
            await _memoryMonitor.DisposeAsync().ConfigureAwait(false);
        }

        _pauseGate.Resume();
    }

    /// <summary>Spills as the reading requires; past the spill threshold (or paused) also gives freed memory back, at most once a second.</summary>
    /// <remarks>
    /// A reading past the pause or terminate threshold is taken again after giving freed memory back (unreachable
    /// buffers collected, the native heap trimmed): a worker is paused or terminated only for memory that is
    /// really in use, never for garbage a collection would have freed.
    /// </remarks>
    private MemoryAction CheckMemory(MemoryThresholds thresholds, long processBytes)
    {
        bool pastTerminate = thresholds.Terminate is { } terminate && processBytes > thresholds.Bytes(terminate);
        bool high = _pauseGate.IsPaused || processBytes > thresholds.Bytes(thresholds.Spill ?? thresholds.Pause ?? 1);
        if (pastTerminate || (high && _options.TimeProvider.GetElapsedTime(_lastReclaim) >= TimeSpan.FromSeconds(1)))
        {
            _lastReclaim = _options.TimeProvider.GetTimestamp();
            MemoryReclaim.Run(compact: !pastTerminate);
            processBytes = WorkerMemoryMonitor.ProcessMemory();
        }

        return _store.CheckProcessMemory(processBytes);
    }

    private void OnMemoryAction(MemoryAction action, long processBytes)
    {
        string used = ByteFormat.FormatBytes(processBytes) + " of a " + ByteFormat.FormatBytes(_options.MemoryLimit) + " limit";
        switch (action)
        {
            case MemoryAction.Pause:
                _pauseGate.Pause();
                SetPaused(true);
                Log($"paused: process memory {used} is past the pause threshold ({_store.SpilledBytes.ToString(CultureInfo.InvariantCulture)} bytes spilled).");
                break;
            case MemoryAction.Resume:
                _pauseGate.Resume();
                SetPaused(false);
                Log($"resumed: process memory {used}.");
                break;
            case MemoryAction.Terminate:
                string fraction = (_options.MemoryTerminateFraction ?? 0).ToString("P0", CultureInfo.InvariantCulture);
                Log($"terminating: process memory {used} is past the terminate threshold ({fraction}); the scheduler will reschedule its tasks. Results: {ByteFormat.FormatBytes(_store.NBytes)} in memory, {ByteFormat.FormatBytes(_store.SpilledBytes)} spilled; chunk buffers leased {ByteFormat.FormatBytes(ChunkPool.Shared.LeasedBytes)}; running {(_runningKey is { } k ? Protocol.KeyCodec.Display(k) : "nothing")}.");
                SendLastWords($"exceeded {fraction} of its {ByteFormat.FormatBytes(_options.MemoryLimit)} memory limit (process memory {ByteFormat.FormatBytes(processBytes)}) and was terminated");
                Console.Out.Flush();
                Console.Error.Flush();
                _store.DeleteSpillFiles();   // the spill directory goes with the process
                Environment.Exit(137);
                break;
            default:
                break;
        }
    }

    /// <summary>Tells the state machine (which then starts no task or fetch) and the data server (which then serves one transfer at a time).</summary>
    private void SetPaused(bool paused)
    {
        _dataServer.Paused = paused;
        List<State.WorkerInstruction> todo;
        lock (_gate)
        {
            todo = _state.HandlePause(paused, NextStimulus(paused ? "pause" : "resume"));
        }

        Dispatch(todo);
    }

    private void Log(string message) => Console.Error.WriteLine($"tessera worker {Name}: {message}");
}
