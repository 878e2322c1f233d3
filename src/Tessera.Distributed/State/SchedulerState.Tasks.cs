using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>A worker finished a task.</summary>
    public List<SchedulerInstruction> TaskFinished(string workerId, string key, long nbytes, string typeName, byte[]? smallValue, double seconds, string stimulusId)
    {
        Begin();
        SchedulerWorker? w = _workers.GetValueOrDefault(workerId);
        SchedulerTask? t = _tasks.GetValueOrDefault(key);
        if (w is null)
        {
            return Take();
        }

        if (t is null || t.State is SchedulerTaskState.Released or SchedulerTaskState.Forgotten or SchedulerTaskState.Erred)
        {
            // Nobody needs it any more (cancelled, or computed twice after a steal race): drop it there.
            if (t is not null && t.ProcessingOn == w)
            {
                StopProcessing(t);
            }

            Emit(new FreeOnWorker(w, [key], stimulusId));
            FillFreedSlots(stimulusId);
            return Take();
        }

        if (t.State == SchedulerTaskState.Memory)
        {
            // A duplicate (a steal that raced with execution): keep the extra copy as a replica.
            if (t.WhoHas.Add(w))
            {
                w.HasWhat.Add(t);
                w.NBytes += Math.Max(0, t.NBytes);
            }

            return Take();
        }

        if (t.State != SchedulerTaskState.Processing || t.ProcessingOn != w)
        {
            Emit(new FreeOnWorker(w, [key], stimulusId));
            return Take();
        }

        RecordDuration(t.Prefix, seconds, nbytes);
        StopProcessing(t);
        t.NBytes = nbytes;
        t.TypeName = typeName;
        t.SmallValue = smallValue;
        t.Suspicious = 0;
        if (t.Scattered)
        {
            // The worker holds the value now: the scheduler keeps no copy (Dask's scatter), so it cannot be recomputed.
            t.Args = [];
        }

        t.WhoHas.Add(w);
        w.HasWhat.Add(t);
        w.NBytes += Math.Max(0, nbytes);
        Transition(t, SchedulerTaskState.Memory, stimulusId);
        CountOutcome(t, erred: false);

        foreach (string c in t.WhoWants)
        {
            Emit(new TellClientInMemory(c, t, stimulusId));
        }

        foreach (SchedulerTask d in t.Dependents.Count == 1 ? (IEnumerable<SchedulerTask>)t.Dependents : t.Dependents.OrderBy(static d => d, PriorityComparer.Instance))
        {
            if (d.State == SchedulerTaskState.Waiting && --d.WaitingOn == 0)
            {
                MakeReady(d, stimulusId);
            }
        }

        foreach (SchedulerTask dep in t.Dependencies)
        {
            ReleaseIfUnneeded(dep, stimulusId);
        }

        ReleaseIfUnneeded(t, stimulusId);
        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>A worker's task raised.</summary>
    public List<SchedulerInstruction> TaskErred(string workerId, string key, ErrorInfo error, string stimulusId)
    {
        Begin();
        SchedulerWorker? w = _workers.GetValueOrDefault(workerId);
        if (w is null || !_tasks.TryGetValue(key, out SchedulerTask? t) || t.State != SchedulerTaskState.Processing || t.ProcessingOn != w)
        {
            return Take();
        }

        StopProcessing(t);
        Fail(t, key, error, stimulusId);
        foreach (SchedulerTask dep in t.Dependencies)
        {
            ReleaseIfUnneeded(dep, stimulusId);
        }

        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>A worker could not fetch <paramref name="key"/> from <paramref name="fromAddress"/> for <paramref name="forKey"/>.</summary>
    public List<SchedulerInstruction> MissingData(string workerId, string key, string fromAddress, string forKey, string stimulusId)
    {
        Begin();
        if (_tasks.TryGetValue(key, out SchedulerTask? t))
        {
            SchedulerWorker? holder = t.WhoHas.FirstOrDefault(h => h.DataAddress == fromAddress);
            if (holder is not null)
            {
                ForgetReplica(t, holder);
            }

            if (t.State == SchedulerTaskState.Memory && t.WhoHas.Count == 0)
            {
                LoseData(t, stimulusId, holder?.Name);
            }
        }

        if (_tasks.TryGetValue(forKey, out SchedulerTask? f) && f.State == SchedulerTaskState.Processing && f.ProcessingOn?.Id == workerId)
        {
            Emit(new FreeOnWorker(f.ProcessingOn, [forKey], stimulusId));
            StopProcessing(f);
            Transition(f, SchedulerTaskState.Released, stimulusId);
            Activate(f, stimulusId);
        }

        FillFreedSlots(stimulusId);
        return Take();
    }

    // ------------------------------------------------------------------ transitions

    /// <summary>Released → Waiting / ready, activating released dependencies first.</summary>
    private void Activate(SchedulerTask t, string stimulusId)
    {
        if (t.State != SchedulerTaskState.Released)
        {
            return;
        }

        if (IsUnrecoverable(t))
        {
            FailScattered(t, null, stimulusId);
            return;
        }

        int waiting = 0;
        foreach (SchedulerTask dep in t.Dependencies)
        {
            if (dep.State == SchedulerTaskState.Erred)
            {
                Fail(t, dep.ErredKey ?? dep.Key, dep.Error!, stimulusId);
                return;
            }

            if (dep.State != SchedulerTaskState.Memory)
            {
                waiting++;
            }
        }

        t.WaitingOn = waiting;
        if (waiting > 0)
        {
            Transition(t, SchedulerTaskState.Waiting, stimulusId);
            foreach (SchedulerTask dep in t.Dependencies.OrderBy(static d => d, PriorityComparer.Instance))
            {
                Activate(dep, stimulusId);
            }
        }
        else
        {
            MakeReady(t, stimulusId);
        }
    }

    private void MakeReady(SchedulerTask t, string stimulusId)
    {
        SchedulerWorker? w = t.IsRootish ? null : PickWorker(t);
        if (w is not null)
        {
            SendTo(t, w, stimulusId);
        }
        else if (_workers.Values.Any(static x => !x.Closing))
        {
            // Root-ish tasks all go through the queue: at the end of the event they are dealt to workers in
            // contiguous runs of priority (see DealRoots), and free workers take from their own run.
            Transition(t, SchedulerTaskState.Queued, stimulusId);
            _queued.Add(t);
            _undealt.Add(t);
            _dealStimulus = stimulusId;
        }
        else
        {
            Transition(t, SchedulerTaskState.NoWorker, stimulusId);
            _noWorker.Add(t);
        }
    }

    private void SendTo(SchedulerTask t, SchedulerWorker w, string stimulusId)
    {
        Transition(t, SchedulerTaskState.Processing, stimulusId);
        t.ProcessingOn = w;
        t.ExpectedSeconds = ExpectedSeconds(t.Prefix);
        t.ExpectedBytes = ExpectedBytes(t.Prefix);
        w.Processing.Add(t);
        w.Occupancy += t.ExpectedSeconds;
        w.ExpectedBytes += t.ExpectedBytes;
        Emit(new ComputeOnWorker(w, t, t.WhoWants.Count > 0 && !t.Scattered, stimulusId));
    }

    private void StopProcessing(SchedulerTask t)
    {
        if (t.ProcessingOn is { } w)
        {
            // Remove what was added when sent: the prefix estimate may have changed since.
            w.Processing.Remove(t);
            w.Occupancy = w.Processing.Count == 0 ? 0 : Math.Max(0, w.Occupancy - t.ExpectedSeconds);
            w.ExpectedBytes = w.Processing.Count == 0 ? 0 : w.ExpectedBytes - t.ExpectedBytes;
            t.ProcessingOn = null;
            t.ExpectedSeconds = 0;
            t.ExpectedBytes = 0;
            _freed.Add(w);
        }

        t.StealFrom = null;
    }

    /// <summary>Marks a task and everything downstream that is not done as erred, and tells the clients.</summary>
    private void Fail(SchedulerTask t, string failedKey, ErrorInfo error, string stimulusId)
    {
        var stack = new Stack<SchedulerTask>();
        stack.Push(t);
        while (stack.Count > 0)
        {
            SchedulerTask x = stack.Pop();
            if (x.State is SchedulerTaskState.Erred or SchedulerTaskState.Memory or SchedulerTaskState.Forgotten)
            {
                continue;
            }

            if (x.State == SchedulerTaskState.Processing && x.ProcessingOn is { } running)
            {
                Emit(new FreeOnWorker(running, [x.Key], stimulusId));
                StopProcessing(x);
            }

            Dequeue(x);
            _noWorker.Remove(x);
            x.Error = error;
            x.ErredKey = failedKey;
            Transition(x, SchedulerTaskState.Erred, stimulusId);
            CountOutcome(x, erred: true);
            foreach (string c in x.WhoWants)
            {
                Emit(new TellClientErred(c, x.Key, failedKey, error, stimulusId));
            }

            foreach (SchedulerTask d in x.Dependents)
            {
                stack.Push(d);
            }
        }
    }

    /// <summary>Drops a result (or stops work) nobody needs any more, and forgets what nothing refers to.</summary>
    private void ReleaseIfUnneeded(SchedulerTask t, string stimulusId)
    {
        if (IsNeeded(t))
        {
            return;
        }

        switch (t.State)
        {
            case SchedulerTaskState.Memory:
                foreach (SchedulerWorker h in t.WhoHas.ToList())
                {
                    ForgetReplica(t, h);
                    Emit(new FreeOnWorker(h, [t.Key], stimulusId));
                }

                Transition(t, SchedulerTaskState.Released, stimulusId);
                break;
            case SchedulerTaskState.Processing:
                Emit(new FreeOnWorker(t.ProcessingOn!, [t.Key], stimulusId));
                StopProcessing(t);
                Transition(t, SchedulerTaskState.Released, stimulusId);
                break;
            case SchedulerTaskState.Queued or SchedulerTaskState.NoWorker or SchedulerTaskState.Waiting:
                Dequeue(t);
                _noWorker.Remove(t);
                Transition(t, SchedulerTaskState.Released, stimulusId);
                break;
            default:
                break;
        }

        if (t.State is SchedulerTaskState.Released or SchedulerTaskState.Erred)
        {
            foreach (SchedulerTask dep in t.Dependencies)
            {
                ReleaseIfUnneeded(dep, stimulusId);
            }

            TryForget(t, stimulusId);
        }
    }

    /// <summary>Forgets a released task once no dependent refers to it (dependents keep their recipe alive).</summary>
    private void TryForget(SchedulerTask t, string stimulusId)
    {
        if (t.WhoWants.Count > 0 || t.Dependents.Count > 0 || t.State is not (SchedulerTaskState.Released or SchedulerTaskState.Erred))
        {
            return;
        }

        Transition(t, SchedulerTaskState.Forgotten, stimulusId);
        _tasks.Remove(t.Key);
        foreach (SchedulerTask dep in t.Dependencies)
        {
            dep.Dependents.Remove(t);
            TryForget(dep, stimulusId);
        }
    }

    private static void ForgetReplica(SchedulerTask t, SchedulerWorker h)
    {
        if (t.WhoHas.Remove(h))
        {
            h.HasWhat.Remove(t);
            h.NBytes -= Math.Max(0, t.NBytes);
        }
    }

    /// <summary>The last copy of a result is gone: recompute it if it is still needed.</summary>
    private void LoseData(SchedulerTask t, string stimulusId, string? lostWith = null)
    {
        Transition(t, SchedulerTaskState.Released, stimulusId);
        if (IsUnrecoverable(t))
        {
            FailScattered(t, lostWith, stimulusId);
            return;
        }

        foreach (SchedulerTask d in t.Dependents.Where(static d => d.State == SchedulerTaskState.Waiting))
        {
            d.WaitingOn++;
        }

        // Dependents already sent to a worker wait for a value that no longer exists: take them back.
        foreach (SchedulerTask d in t.Dependents.Where(static d => d.State == SchedulerTaskState.Processing).ToList())
        {
            Emit(new FreeOnWorker(d.ProcessingOn!, [d.Key], stimulusId));
            StopProcessing(d);
            Transition(d, SchedulerTaskState.Released, stimulusId);
            Activate(d, stimulusId);
        }

        if (IsNeeded(t))
        {
            Activate(t, stimulusId);
        }
        else
        {
            TryForget(t, stimulusId);
        }
    }

    private double ExpectedSeconds(string prefix) =>
        _prefixStats.TryGetValue(prefix, out var s) && s.Count > 0 ? s.Seconds / s.Count : UnknownTaskSeconds;

    private long ExpectedBytes(string prefix) =>
        _prefixStats.TryGetValue(prefix, out var s) && s.Count > 0 ? s.Bytes / s.Count : 0;

    private void RecordDuration(string prefix, double seconds, long nbytes)
    {
        var s = _prefixStats.GetValueOrDefault(prefix);
        _prefixStats[prefix] = (s.Seconds + Math.Max(0, seconds), s.Bytes + Math.Max(0, nbytes), s.Count + 1);
    }
}
