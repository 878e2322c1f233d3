using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

/// <summary>Routing of what the scheduler says about failures: workers lost, retire requests answered.</summary>
internal sealed partial class SchedulerCore
{
    /// <summary>
    /// Raised (under the scheduler lock, so keep it short and never call back into the core) with the names of workers
    /// a client asked to retire, before they leave: a cluster must not replace them.
    /// </summary>
    public event Action<IReadOnlyList<string>>? WorkersRetiringOnRequest;

    private static string RetireReason(string reason) =>
        string.IsNullOrEmpty(reason) || reason == "retired" ? "retired" : "retired: " + reason;

    private void RouteFailure(SchedulerInstruction instruction)
    {
        switch (instruction)
        {
            case TellClientsWorkerLost l:
                var lost = new SchedulerToClient { WorkerLost = new WorkerLost { Name = l.Name, Address = l.Address, Reason = l.Reason, Expected = l.Expected } };
                foreach (ClientConnection c in _clients.Values)
                {
                    c.Send(lost);
                }

                break;
            case TellClientRetired r when _clients.TryGetValue(r.ClientId, out ClientConnection? c):
                var retired = new WorkersRetired { RequestId = r.RequestId, Error = r.Error ?? "" };
                retired.Names.AddRange(r.Names);
                c.Send(new SchedulerToClient { WorkersRetired = retired });
                break;
            case WorkersRetiringOnRequest w:
                WorkersRetiringOnRequest?.Invoke(w.Names);
                break;
            default:
                break;
        }
    }
}
