using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

internal sealed partial class SchedulerCore
{
    private long _progressSent = -1;

    /// <summary>Sends each client its per-prefix progress when it changed since the last call (run on a timer).</summary>
    public void PublishProgress()
    {
        lock (_gate)
        {
            if (_state.ProgressVersion == _progressSent)
            {
                return;
            }

            _progressSent = _state.ProgressVersion;
            foreach (ClientConnection c in _clients.Values)
            {
                SendProgress(c);
            }
        }
    }

    /// <summary>Queues a client's current progress (called under the lock; before a result, so the last update is final).</summary>
    private void SendProgress(ClientConnection c)
    {
        var msg = new TaskProgress();
        foreach ((string prefix, ProgressCounts p) in _state.Progress(c.Id))
        {
            msg.Prefixes.Add(new PrefixProgress { Prefix = prefix, Total = p.Total, Done = p.Done, Erred = p.Erred });
        }

        c.Send(new SchedulerToClient { Progress = msg });
    }
}
