namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>
    /// A worker wants to leave gracefully (lifetime over, SIGTERM from scancel or the walltime, scale
    /// down): it takes no new work, its only copies of results are replicated to other workers, and
    /// it is told to close once they all have another copy (Dask's retire_workers).
    /// </summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="stimulusId">Traces the event.</param>
    /// <param name="reason">Told to the clients when it has left; default "retired".</param>
    public List<SchedulerInstruction> RetireWorker(string workerId, string stimulusId, string reason = "retired")
    {
        Begin();
        if (_workers.TryGetValue(workerId, out SchedulerWorker? w))
        {
            RetireCore(w, reason, stimulusId);
        }

        return Take();
    }

    private void RetireCore(SchedulerWorker w, string reason, string stimulusId)
    {
        w.Closing = true;
        w.LeaveReason ??= reason;
        var targets = _workers.Values.Where(x => x != w && !x.Closing).ToList();
        var unique = w.HasWhat.Where(static t => t.State == SchedulerTaskState.Memory && t.WhoHas.Count == 1).OrderBy(static t => t, PriorityComparer.Instance).ToList();
        if (targets.Count == 0 || unique.Count == 0)
        {
            Emit(new CloseOnWorker(w, targets.Count == 0 ? "retiring: no other worker to hand results to" : "retired", stimulusId));
            return;
        }

        // Spread the copies by bytes already held, so no survivor is flooded.
        var load = targets.ToDictionary(static x => x, static x => x.NBytes);
        foreach (SchedulerTask t in unique)
        {
            SchedulerWorker target = load.MinBy(static kv => kv.Value).Key;
            load[target] += Math.Max(0, t.NBytes);
            w.RetiringKeys.Add(t.Key);
            Emit(new ReplicateOnWorker(target, t, w.DataAddress, stimulusId));
        }
    }

    /// <summary>A worker now holds copies of these keys (replicas it acquired).</summary>
    public List<SchedulerInstruction> KeysAdded(string workerId, IEnumerable<(string Key, long NBytes)> keys, string stimulusId)
    {
        Begin();
        if (!_workers.TryGetValue(workerId, out SchedulerWorker? w))
        {
            return Take();
        }

        var added = new List<string>();
        foreach ((string key, long nbytes) in keys)
        {
            if (_tasks.TryGetValue(key, out SchedulerTask? t) && t.State == SchedulerTaskState.Memory && t.WhoHas.Add(w))
            {
                w.HasWhat.Add(t);
                w.NBytes += Math.Max(0, t.NBytes);
            }
            else if (t is null || t.State != SchedulerTaskState.Memory)
            {
                // Released meanwhile: the copy is not wanted.
                Emit(new FreeOnWorker(w, [key], stimulusId));
            }

            added.Add(key);
        }

        foreach (SchedulerWorker r in _workers.Values.Where(static x => x.RetiringKeys.Count > 0).ToList())
        {
            r.RetiringKeys.ExceptWith(added);
            // Keys released while retiring need no copy either.
            r.RetiringKeys.RemoveWhere(k => !_tasks.TryGetValue(k, out SchedulerTask? t) || t.State != SchedulerTaskState.Memory || t.WhoHas.Count > 1);
            if (r.RetiringKeys.Count == 0)
            {
                Emit(new CloseOnWorker(r, "retired", stimulusId));
            }
        }

        return Take();
    }
}
