using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>The reason given for a worker that disappeared without a word.</summary>
    internal const string ConnectionLost = "connection lost (the process died, was killed, or the network failed)";

    /// <summary>The exception type clients raise when scattered data was lost (see <see cref="ScatteredDataLostException"/>).</summary>
    internal static readonly string ScatteredLostType = typeof(ScatteredDataLostException).FullName!;

    private readonly List<RetireRequest> _retireRequests = [];

    /// <summary>
    /// A client asks to retire workers (Dask's <c>retire_workers</c>): by name or data address, or the
    /// <paramref name="n"/> holding the least data. Each hands its only copies over before it closes;
    /// the client is answered once all have left. Refused, retiring nothing, when a name is unknown or
    /// when no worker would be left to take results that only the retiring ones hold.
    /// </summary>
    public List<SchedulerInstruction> RetireWorkers(string clientId, string requestId, IReadOnlyList<string> workers, int n, string stimulusId)
    {
        Begin();
        var chosen = new List<SchedulerWorker>();
        foreach (string name in workers.Distinct(StringComparer.Ordinal))
        {
            SchedulerWorker? w = _workers.Values.FirstOrDefault(x => x.Name == name || x.DataAddress == name);
            if (w is null)
            {
                string known = _workers.Count == 0 ? "none is connected" : "connected: " + string.Join(", ", _workers.Values.Select(static x => x.Name).Order(StringComparer.Ordinal));
                Emit(new TellClientRetired(clientId, requestId, [], $"No worker is named or at '{name}' ({known}).", stimulusId));
                return Take();
            }

            if (!chosen.Contains(w))
            {
                chosen.Add(w);
            }
        }

        if (workers.Count == 0)
        {
            chosen.AddRange(_workers.Values.Where(static x => !x.Closing)
                .OrderBy(static x => x.NBytes).ThenBy(static x => x.Processing.Count).ThenBy(static x => x.Name, StringComparer.Ordinal)
                .Take(Math.Max(0, n)));
        }

        if (!_workers.Values.Any(x => !x.Closing && !chosen.Contains(x)))
        {
            var lost = chosen.SelectMany(static w => w.HasWhat).Distinct()
                .Where(t => t.State == SchedulerTaskState.Memory && t.WhoHas.All(chosen.Contains)).ToList();
            if (lost.Count > 0)
            {
                long bytes = lost.Sum(static t => Math.Max(0, t.NBytes));
                string examples = string.Join(", ", lost.Take(3).Select(static t => KeyCodec.Display(t.Key))) + (lost.Count > 3 ? ", …" : "");
                Emit(new TellClientRetired(clientId, requestId, [], $"Retiring {string.Join(", ", chosen.Select(static w => w.Name))} would lose {lost.Count} results ({ByteFormat.FormatBytes(bytes)}: {examples}) held only there: no other worker would be left to take them. Add a worker or release those futures first.", stimulusId));
                return Take();
            }
        }

        var names = chosen.Select(static w => w.Name).ToList();
        if (chosen.Count == 0)
        {
            Emit(new TellClientRetired(clientId, requestId, [], null, stimulusId));
            return Take();
        }

        Emit(new WorkersRetiringOnRequest(names, stimulusId));
        _retireRequests.Add(new RetireRequest(clientId, requestId, names, chosen.Select(static w => w.Id).ToHashSet(StringComparer.Ordinal)));
        foreach (SchedulerWorker w in chosen)
        {
            // All of them first: none hands results to another that is leaving too.
            w.Closing = true;
            w.LeaveReason = "retired at a client's request";
            w.LeaveFailure = false;
        }

        foreach (SchedulerWorker w in chosen)
        {
            RetireCore(w, "retired at a client's request", stimulusId);
        }

        return Take();
    }

    /// <summary>Tells every client a worker left, and answers retire requests that this completes.</summary>
    private void ReportLost(SchedulerWorker w, string reason, string stimulusId)
    {
        bool expected = w.LeaveReason is not null && !w.LeaveFailure;
        Emit(new TellClientsWorkerLost(w.Name, w.DataAddress, reason, expected, stimulusId));

        // It may have been fetching a retiring worker's results: plan those hand-overs again among the survivors.
        foreach (SchedulerWorker r in _workers.Values.Where(static x => x.RetiringKeys.Count > 0).ToList())
        {
            r.RetiringKeys.Clear();
            RetireCore(r, r.LeaveReason ?? "retired", stimulusId);
        }

        foreach (RetireRequest r in _retireRequests.Where(r => r.Pending.Remove(w.Id) && r.Pending.Count == 0).ToList())
        {
            _retireRequests.Remove(r);
            Emit(new TellClientRetired(r.ClientId, r.RequestId, r.Names, null, stimulusId));
        }
    }

    /// <summary>A scattered value whose bytes the scheduler dropped: once its last copy is gone it cannot come back.</summary>
    private static bool IsUnrecoverable(SchedulerTask t) => t.Scattered && t.Args.Length == 0;

    /// <summary>Fails a lost scattered value and everything downstream not yet computed, naming the worker it was lost with.</summary>
    private void FailScattered(SchedulerTask t, string? worker, string stimulusId)
    {
        string where = worker is null ? "no worker holds it any more" : $"worker {worker}, the only one holding it, left";
        var error = new ErrorInfo
        {
            ExceptionType = ScatteredLostType,
            Message = $"Scattered data {KeyCodec.Display(t.Key)} was lost: {where}. The scheduler keeps no copy of scattered values, so it cannot be recomputed; scatter it again.",
            Worker = worker ?? "",
        };
        Fail(t, t.Key, error, stimulusId);
    }

    private sealed record RetireRequest(string ClientId, string RequestId, IReadOnlyList<string> Names, HashSet<string> Pending);
}
