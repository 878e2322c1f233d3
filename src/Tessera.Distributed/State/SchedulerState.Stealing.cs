namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>
    /// Work stealing, run periodically by the host: a worker with idle threads takes tasks that a
    /// busier worker has not started, when the expected gain beats the cost of moving their inputs.
    /// </summary>
    public List<SchedulerInstruction> Balance(string stimulusId)
    {
        Begin();
        var idle = _workers.Values.Where(static w => !w.Closing && w.Processing.Count < w.NThreads).ToList();
        if (idle.Count == 0)
        {
            return Take();
        }

        long free = idle.Sum(static w => (long)w.NThreads - w.Processing.Count);
        foreach (SchedulerWorker victim in _workers.Values.OrderByDescending(static w => w.Occupancy / w.NThreads))
        {
            if (free <= 0)
            {
                break;
            }

            int surplus = victim.Processing.Count - victim.NThreads;
            if (surplus <= 0)
            {
                continue;
            }

            // The latest-priority tasks are the ones the victim would start last.
            foreach (SchedulerTask t in victim.Processing.OrderByDescending(static t => t, PriorityComparer.Instance).Take((int)Math.Min(surplus, free)).ToList())
            {
                if (t.StealFrom is not null)
                {
                    continue;
                }

                double compute = ExpectedSeconds(t.Prefix);
                double move = idle.Min(w => TransferBytes(t, w)) / Bandwidth;
                if (move > compute)
                {
                    continue;
                }

                t.StealFrom = victim;
                Emit(new StealFromWorker(victim, t.Key, stimulusId));
                free--;
            }
        }

        return Take();
    }

    /// <summary>The victim answered a steal request.</summary>
    public List<SchedulerInstruction> StealResponse(string workerId, string key, bool stolen, string stimulusId)
    {
        Begin();
        if (!_tasks.TryGetValue(key, out SchedulerTask? t) || t.StealFrom?.Id != workerId)
        {
            return Take();
        }

        t.StealFrom = null;
        if (!stolen || t.State != SchedulerTaskState.Processing || t.ProcessingOn?.Id != workerId)
        {
            return Take();
        }

        SchedulerWorker victim = t.ProcessingOn;
        StopProcessing(t);
        Transition(t, SchedulerTaskState.Released, stimulusId);
        SchedulerWorker? thief = _workers.Values
            .Where(w => w != victim && !w.Closing)
            .OrderBy(w => (w.Occupancy / w.NThreads) + (TransferBytes(t, w) / Bandwidth))
            .FirstOrDefault();
        if (thief is not null)
        {
            SendTo(t, thief, stimulusId);
        }
        else
        {
            Activate(t, stimulusId);
        }

        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>Checks every invariant linking tasks, workers and clients; throws on the first broken one.</summary>
    public void Validate()
    {
        foreach (SchedulerTask t in _tasks.Values)
        {
            Check(t.State != SchedulerTaskState.Forgotten, t, "forgotten task still known");
            Check((t.State == SchedulerTaskState.Processing) == (t.ProcessingOn is not null), t, "processing iff assigned to a worker");
            Check(t.ProcessingOn is null || t.ProcessingOn.Processing.Contains(t), t, "worker's processing set holds the task");
            Check(t.ProcessingOn is null || _workers.ContainsKey(t.ProcessingOn.Id), t, "processing on a connected worker");
            Check((t.State == SchedulerTaskState.Memory) == (t.WhoHas.Count > 0), t, "in memory iff some worker holds it");
            Check(t.WhoHas.All(w => w.HasWhat.Contains(t) && _workers.ContainsKey(w.Id)), t, "holders know they hold it");
            Check((t.State == SchedulerTaskState.Queued) == _queued.Contains(t), t, "queued iff in the queue");
            Check(t.Home is null || (t.State == SchedulerTaskState.Queued && t.Home.HomeQueue.Contains(t) && _workers.ContainsKey(t.Home.Id)), t, "a dealt root is queued in its home worker's share");
            Check(t.State != SchedulerTaskState.Queued || t.Home is not null || _workers.Values.All(static w => w.Closing), t, "a queued root has been dealt to a worker");
            Check((t.State == SchedulerTaskState.NoWorker) == _noWorker.Contains(t), t, "no-worker iff in the unrunnable set");
            if (t.State == SchedulerTaskState.Waiting)
            {
                int missing = t.Dependencies.Count(static d => d.State != SchedulerTaskState.Memory);
                Check(t.WaitingOn == missing && missing > 0, t, $"waiting on {t.WaitingOn} but {missing} dependencies are not in memory");
                Check(t.Dependencies.All(static d => d.State != SchedulerTaskState.Released), t, "a waiting task's missing dependencies are active");
            }

            if (t.State is SchedulerTaskState.Processing or SchedulerTaskState.Queued or SchedulerTaskState.NoWorker)
            {
                Check(t.Dependencies.All(static d => d.State == SchedulerTaskState.Memory), t, "ready tasks have all dependencies in memory");
            }

            foreach (SchedulerTask d in t.Dependencies)
            {
                Check(d.Dependents.Contains(t) && _tasks.ContainsKey(d.Key), t, $"dependency {d.Key} is known and links back");
            }

            foreach (string c in t.WhoWants)
            {
                Check(_clients.TryGetValue(c, out var wants) && wants.Contains(t), t, $"client {c} wants it");
            }
        }

        foreach (SchedulerWorker w in _workers.Values)
        {
            foreach (SchedulerTask t in w.Processing)
            {
                Check(t.ProcessingOn == w && _tasks.ContainsKey(t.Key), t, $"{w.Name} processes it");
            }

            double occupancy = w.Processing.Sum(static t => t.ExpectedSeconds);
            if (Math.Abs(occupancy - w.Occupancy) > 1e-6)
            {
                throw new InvalidOperationException($"Invariant broken: {w.Name} has occupancy {w.Occupancy} but its tasks expect {occupancy} seconds.");
            }

            long bytes = w.HasWhat.Sum(static t => Math.Max(0, t.NBytes));
            if (bytes != w.NBytes)
            {
                throw new InvalidOperationException($"Invariant broken: {w.Name} counts {w.NBytes} bytes but holds {bytes}.");
            }
        }
    }

    private static void Check(bool ok, SchedulerTask t, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Invariant broken for {Protocol.KeyCodec.Display(t.Key)} in state {t.State}: {what}.");
        }
    }
}
