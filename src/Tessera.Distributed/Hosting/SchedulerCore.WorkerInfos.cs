using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Hosting;

internal sealed partial class SchedulerCore
{
    /// <summary>Heartbeats refresh the clients' worker lists at most this often (memory use, paused, load).</summary>
    internal static readonly TimeSpan WorkerInfoInterval = TimeSpan.FromMilliseconds(500);

    private readonly TimeProvider _time;
    private long _lastWorkerInfos;

    /// <summary>Sends every client the workers as they are now. Call under the lock.</summary>
    private void SendWorkerInfos()
    {
        _lastWorkerInfos = _time.GetTimestamp();
        if (_clients.Count == 0)
        {
            return;
        }

        var changed = new WorkersChanged();
        changed.Workers.AddRange(_state.Workers.Values.Select(ToInfo));
        foreach (ClientConnection c in _clients.Values)
        {
            c.Send(new SchedulerToClient { WorkersChanged = changed });
        }
    }

    /// <summary>After a heartbeat: sends the workers unless they were sent within <see cref="WorkerInfoInterval"/>. Call under the lock.</summary>
    private void SendWorkerInfosThrottled()
    {
        if (_time.GetElapsedTime(_lastWorkerInfos) >= WorkerInfoInterval)
        {
            SendWorkerInfos();
        }
    }
}
