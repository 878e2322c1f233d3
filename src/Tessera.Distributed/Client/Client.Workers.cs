using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>How many worker events <see cref="WorkerEvents"/> keeps (the oldest are dropped).</summary>
    public const int MaxWorkerEvents = 100;

    private readonly Queue<WorkerLostEvent> _workerEvents = new();
    private TaskCompletionSource _workerEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Workers that left since this client connected, oldest first, with the reason the scheduler gave (at most
    /// <see cref="MaxWorkerEvents"/>, 100). A worker lost unexpectedly is also reported as one warning line on
    /// standard error, as Dask logs it.
    /// </summary>
    public IReadOnlyList<WorkerLostEvent> WorkerEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _workerEvents];
            }
        }
    }

    /// <summary>Raised on the connection's reader thread when a worker leaves; handlers must be quick.</summary>
    public event EventHandler<WorkerLostEvent>? WorkerLost;

    /// <summary>Completes at the next worker event (tests wait on it instead of polling).</summary>
    internal Task NextWorkerEvent()
    {
        lock (_gate)
        {
            return _workerEvent.Task;
        }
    }

    /// <summary>The scheduler's last word on a key this client holds: <paramref name="first"/>, unless the key was recomputed or lost since.</summary>
    internal SchedulerToClient LatestOutcome(string key, SchedulerToClient first)
    {
        lock (_gate)
        {
            return _waiters.TryGetValue(key, out KeyWaiter? w) && w.Latest is { } latest ? latest : first;
        }
    }

    /// <summary>Handles the failure messages; false for every other kind.</summary>
    private bool HandleFailureMessage(SchedulerToClient m)
    {
        switch (m.KindCase)
        {
            case SchedulerToClient.KindOneofCase.WorkerLost:
                OnWorkerLost(m.WorkerLost);
                return true;
            case SchedulerToClient.KindOneofCase.WorkersRetired:
                OnWorkersRetired(m.WorkersRetired);
                return true;
            default:
                return false;
        }
    }

    private void OnWorkerLost(WorkerLost m)
    {
        var e = new WorkerLostEvent(m.Name, m.Address, m.Reason, m.Expected, TimeProvider.System.GetUtcNow());
        TaskCompletionSource fired;
        lock (_gate)
        {
            _workerEvents.Enqueue(e);
            while (_workerEvents.Count > MaxWorkerEvents)
            {
                _workerEvents.Dequeue();
            }

            fired = _workerEvent;
            _workerEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!e.Expected)
        {
            Console.Error.WriteLine($"tessera client: warning: lost worker {e.Name} ({e.Address}): {e.Reason}");
        }

        fired.TrySetResult();
        WorkerLost?.Invoke(this, e);
    }
}
