namespace Tessera.Distributed.Memory;

/// <summary>Holds task executions while a worker is paused for memory (the state machine starts no new fetch then). Thread-safe.</summary>
internal sealed class PauseGate
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _paused;

    /// <summary>Whether the gate is closed.</summary>
    public bool IsPaused => Volatile.Read(ref _paused) is not null;

    /// <summary>Closes the gate (again is fine).</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Opens the gate and lets waiters go.</summary>
    public void Resume()
    {
        TaskCompletionSource? t;
        lock (_gate)
        {
            t = _paused;
            _paused = null;
        }

        t?.TrySetResult();
    }

    /// <summary>Blocks while paused.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired.</exception>
    public void Wait(CancellationToken ct)
    {
        if (Volatile.Read(ref _paused) is { } t)
        {
            t.Task.Wait(ct);
        }
    }

    /// <summary>Completes when not paused.</summary>
    public Task WaitAsync(CancellationToken ct) => Volatile.Read(ref _paused) is { } t ? t.Task.WaitAsync(ct) : Task.CompletedTask;
}
