namespace Tessera.Distributed.Memory;

/// <summary>
/// Samples process memory on a timer (every 100 ms by default, Dask's <c>memory_monitor_interval</c>) and hands each
/// reading to a check; reports the actions it returns. Runs on the injected <see cref="TimeProvider"/>, so tests drive
/// it with a fake clock and fake readings.
/// </summary>
internal sealed class WorkerMemoryMonitor : IAsyncDisposable
{
    private readonly Func<long> _read;
    private readonly Func<long, MemoryAction> _check;
    private readonly Action<MemoryAction, long> _onAction;
    private readonly ITimer _timer;
    private int _busy;

    /// <summary>Starts sampling.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="interval">Time between readings.</param>
    /// <param name="read">Reads process memory in bytes.</param>
    /// <param name="check">Spills as needed and returns the action for a reading.</param>
    /// <param name="onAction">Told every action other than <see cref="MemoryAction.None"/>, with the reading.</param>
    public WorkerMemoryMonitor(TimeProvider time, TimeSpan interval, Func<long> read, Func<long, MemoryAction> check, Action<MemoryAction, long> onAction)
    {
        ArgumentNullException.ThrowIfNull(time);
        _read = read;
        _check = check;
        _onAction = onAction;
        _timer = Hardening.GuardedTimer.Create(time, "worker memory monitor", static (WorkerMemoryMonitor m) => m.Tick(), this, interval, interval);
    }

    /// <summary>The last reading, in bytes.</summary>
    public long LastReading { get; private set; }

    /// <summary>Resident memory of this process (<see cref="Environment.WorkingSet"/>: the resident set size on Linux).</summary>
    public static long ProcessMemory() => Environment.WorkingSet;

    /// <summary>Takes one reading now (the timer calls this; overlapping ticks are skipped).</summary>
    public void Tick()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            return;
        }

        try
        {
            long bytes = _read();
            LastReading = bytes;
            MemoryAction action = _check(bytes);
            if (action != MemoryAction.None)
            {
                _onAction(action, bytes);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Stops sampling.</summary>
    public ValueTask DisposeAsync() => _timer.DisposeAsync();
}
