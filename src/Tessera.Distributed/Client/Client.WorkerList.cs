namespace Tessera.Distributed;

public sealed partial class Client
{
    private TaskCompletionSource _workersUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <see cref="Workers"/> is next refreshed (tests wait on it instead of polling).</summary>
    internal Task NextWorkersUpdate()
    {
        lock (_gate)
        {
            return _workersUpdate.Task;
        }
    }

    /// <summary>Call under the lock after <see cref="Workers"/> changed.</summary>
    private void WorkersUpdated()
    {
        TaskCompletionSource fired = _workersUpdate;
        _workersUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fired.TrySetResult();
    }
}
