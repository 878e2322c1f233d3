using System.Globalization;

namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>Root-ish tasks are held back once a worker has this many seconds of expected work per thread…</summary>
    internal const double SaturationSeconds = 0.05;

    /// <summary>…or expects this many bytes of results from its queued root-ish tasks.</summary>
    internal const long SaturationBytes = 64L << 20;

    /// <summary>A worker connected.</summary>
    public List<SchedulerInstruction> AddWorker(string name, string dataAddress, string host, int nthreads, long memoryLimit, string stimulusId, out SchedulerWorker worker)
    {
        Begin();
        if (_workers.Values.Any(w => w.Name == name))
        {
            throw new InvalidOperationException($"A worker named '{name}' is already connected; worker names must be unique.");
        }

        string id = "w" + (++_nextWorker).ToString(CultureInfo.InvariantCulture);
        worker = new SchedulerWorker(id, name, dataAddress, host, nthreads, memoryLimit);
        _workers.Add(id, worker);
        foreach (SchedulerTask t in _noWorker.OrderBy(static t => t, PriorityComparer.Instance).ToList())
        {
            _noWorker.Remove(t);
            Transition(t, SchedulerTaskState.Released, stimulusId);
            Activate(t, stimulusId);
        }

        // Roots queued while every worker was closing have no home yet: deal them now (Take does).
        foreach (SchedulerTask t in _queued)
        {
            if (t.Home is null)
            {
                _undealt.Add(t);
                _dealStimulus = stimulusId;
            }
        }

        FillSlots(worker, stimulusId);
        return Take();
    }

    /// <summary>A worker left (closed, crashed, or its stream broke): its work is redone elsewhere.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="stimulusId">Traces the event.</param>
    /// <param name="reason">Why, when the worker said nothing before it left (default: its connection was lost).</param>
    public List<SchedulerInstruction> RemoveWorker(string workerId, string stimulusId, string? reason = null)
    {
        Begin();
        if (!_workers.Remove(workerId, out SchedulerWorker? w))
        {
            return Take();
        }

        string why = w.LeaveReason ?? reason ?? ConnectionLost;
        bool left = w.LeaveReason is not null && !w.LeaveFailure;

        var lost = new List<SchedulerTask>();
        foreach (SchedulerTask t in w.HasWhat.ToList())
        {
            ForgetReplica(t, w);
            if (t.WhoHas.Count == 0 && t.State == SchedulerTaskState.Memory)
            {
                lost.Add(t);
            }
        }

        // Its share of the root queue goes back to be dealt among the others.
        foreach (SchedulerTask t in w.HomeQueue)
        {
            t.Home = null;
            _undealt.Add(t);
            _dealStimulus = stimulusId;
        }

        w.HomeQueue.Clear();

        var rerun = w.Processing.OrderBy(static t => t, PriorityComparer.Instance).ToList();
        foreach (SchedulerTask t in rerun)
        {
            StopProcessing(t);
            Transition(t, SchedulerTaskState.Released, stimulusId);
        }

        foreach (SchedulerTask t in lost)
        {
            LoseData(t, stimulusId, w.Name);
        }

        foreach (SchedulerTask t in rerun)
        {
            if (t.State != SchedulerTaskState.Released)
            {
                continue;
            }

            // Only a worker that died makes its tasks suspicious; one that retired or closed on purpose does not.
            if (!left && ++t.Suspicious > AllowedFailures)
            {
                var error = new Protocol.ErrorInfo
                {
                    ExceptionType = typeof(KilledWorkerException).FullName!,
                    Message = $"Task {Protocol.KeyCodec.Display(t.Key)} was running on {t.Suspicious} workers that died (the last, {w.Name} at {w.DataAddress}: {why}); it is marked failed so that it cannot take down more workers.",
                    Worker = w.Name,
                    WorkerReason = why,
                };
                Fail(t, t.Key, error, stimulusId);
            }
            else if (IsNeeded(t))
            {
                Activate(t, stimulusId);
            }
            else
            {
                TryForget(t, stimulusId);
            }
        }

        FillFreedSlots(stimulusId);

        // Queued tasks may have nowhere to go now.
        if (!_workers.Values.Any(static x => !x.Closing))
        {
            foreach (SchedulerTask t in _queued.ToList())
            {
                Dequeue(t);
                Transition(t, SchedulerTaskState.NoWorker, stimulusId);
                _noWorker.Add(t);
            }
        }

        // Last, so that a client hearing of the loss already knows what it did to its keys.
        ReportLost(w, why, stimulusId);
        return Take();
    }

    /// <summary>A worker reports its load; a paused worker (memory over its pause threshold) gets no new root-ish work until it resumes.</summary>
    public List<SchedulerInstruction> Heartbeat(string workerId, long memory, int executing, int ready, bool paused = false, long spilled = 0, long processMemory = 0, string stimulusId = "heartbeat")
    {
        Begin();
        if (_workers.TryGetValue(workerId, out SchedulerWorker? w))
        {
            w.Memory = memory;
            w.Executing = executing;
            w.Ready = ready;
            w.Spilled = spilled;
            w.ProcessMemory = processMemory;
            bool resumed = w.Paused && !paused;
            w.Paused = paused;
            if (resumed)
            {
                FillSlots(w, stimulusId);
            }
        }

        return Take();
    }

    /// <summary>A worker is leaving: it takes no new work; its reason (the first one given) goes to the clients when it is gone.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="stimulusId">Traces the event.</param>
    /// <param name="reason">What the worker said, e.g. "retired" or "exceeded 95% of its 2 GiB memory limit".</param>
    /// <param name="failure">True when it leaves because something went wrong (clients are warned).</param>
    public List<SchedulerInstruction> CloseWorker(string workerId, string stimulusId, string? reason = null, bool failure = false)
    {
        Begin();
        if (_workers.TryGetValue(workerId, out SchedulerWorker? w))
        {
            w.Closing = true;
            if (failure || (w.LeaveReason is null && !string.IsNullOrEmpty(reason)))
            {
                w.LeaveReason = string.IsNullOrEmpty(reason) ? "closed" : reason;
                w.LeaveFailure = failure;
            }
        }

        return Take();
    }

    private static bool Saturated(SchedulerWorker w)
    {
        if (w.Paused)
        {
            return true;
        }

        if (w.Processing.Count >= w.NThreads && w.ExpectedBytes >= SaturationBytes)
        {
            // Big results (a facet): one per thread, not Dask's 1.1 rounded up, so a worker never holds two in flight.
            return true;
        }

        if (w.Processing.Count < w.Slots)
        {
            return false;
        }

        // Tiny tasks: keep enough in flight to hide the round trip; big results: never flood memory.
        return w.Occupancy >= SaturationSeconds * w.NThreads || w.ExpectedBytes >= SaturationBytes;
    }

    /// <summary>
    /// Dask's worker objective: expected start time = occupancy per thread + time to move missing dependencies.
    /// Beyond Dask: a worker that would have to fetch more than a tenth of its memory limit (its transfer budget)
    /// comes after every worker that already holds the task's data, even a paused or busy one. A 2 GiB facet then
    /// stays where it is and its pieces wait for its holder, instead of being copied whole to a worker with less
    /// room the moment its holder pauses (which at a 6 GiB limit pushed workers past their terminate threshold).
    /// </summary>
    private SchedulerWorker? PickWorker(SchedulerTask t)
    {
        SchedulerWorker? best = null;
        double bestCost = double.MaxValue;
        foreach (SchedulerWorker w in _workers.Values)
        {
            if (w.Closing)
            {
                continue;
            }

            long move = TransferBytes(t, w);
            double cost = (w.Occupancy / w.NThreads) + (move / Bandwidth);
            if (w.MemoryLimit > 0 && move > w.MemoryLimit / 10 && t.Dependencies.Any(static d => d.WhoHas.Any(static h => !h.Closing)))
            {
                cost += OversizedTransferPenaltySeconds;
            }

            if (cost < bestCost || (cost == bestCost && best is not null && w.Processing.Count < best.Processing.Count))
            {
                best = w;
                bestCost = cost;
            }
        }

        return best;
    }

    /// <summary>Added to the objective of a worker that would fetch more than its transfer budget (see <see cref="PickWorker"/>).</summary>
    internal const double OversizedTransferPenaltySeconds = 1e6;

    private static long TransferBytes(SchedulerTask t, SchedulerWorker w)
    {
        long bytes = 0;
        foreach (SchedulerTask dep in t.Dependencies)
        {
            if (!dep.WhoHas.Contains(w))
            {
                bytes += Math.Max(0, dep.NBytes);
            }
        }

        return bytes;
    }

    /// <summary>Workers that stopped processing a task during this event take queued work into the freed slots.</summary>
    private void FillFreedSlots(string stimulusId)
    {
        if (_queued.Count > 0)
        {
            foreach (SchedulerWorker w in _freed)
            {
                if (_workers.ContainsKey(w.Id))
                {
                    FillSlots(w, stimulusId);
                }
            }
        }

        _freed.Clear();
    }

    /// <summary>
    /// Releases queued root-ish tasks to a worker with free slots: first its own share of the queue, best priority
    /// first; once that is empty, the last task of the longest share of another worker (the one its owner would
    /// reach last), so an idle worker never waits while another has a backlog.
    /// </summary>
    /// <param name="w">The worker.</param>
    /// <param name="stimulusId">Traces the event.</param>
    /// <param name="steal">Whether to take from other workers' shares once its own is empty (false while dealing, so each worker first takes its own).</param>
    private void FillSlots(SchedulerWorker w, string stimulusId, bool steal = true)
    {
        while (_queued.Count > 0 && !w.Closing && !Saturated(w))
        {
            SchedulerTask? t = w.HomeQueue.Count > 0 ? w.HomeQueue.Min : steal ? Backlog(w)?.HomeQueue.Max : null;
            if (t is null)
            {
                return;
            }

            Dequeue(t);
            SendTo(t, w, stimulusId);
        }
    }

    /// <summary>The worker other than <paramref name="thief"/> with the longest share of the root queue, if any has one.</summary>
    private SchedulerWorker? Backlog(SchedulerWorker thief)
    {
        SchedulerWorker? longest = null;
        foreach (SchedulerWorker w in _workers.Values)
        {
            if (w != thief && w.HomeQueue.Count > 0 && (longest is null || w.HomeQueue.Count > longest.HomeQueue.Count))
            {
                longest = w;
            }
        }

        return longest;
    }

    /// <summary>Takes a task out of the root queue and out of its home worker's share.</summary>
    private void Dequeue(SchedulerTask t)
    {
        if (_queued.Remove(t))
        {
            t.Home?.HomeQueue.Remove(t);
            t.Home = null;
        }
    }

    /// <summary>
    /// Deals the root-ish tasks queued during this event to the workers that take new work, in contiguous runs of
    /// priority, so that each worker's shares fill up to its part of all queued roots (by threads). Dask queues roots
    /// and hands the next one to whichever worker frees a thread first, so consecutive roots alternate between
    /// workers; dealt in runs, the roots that feed the same reduction chain (the facets one worker folds) start on
    /// the same worker, and the chain never has to move its accumulator. Then every worker with a free slot fills it.
    /// </summary>
    private void DealRoots(string stimulusId)
    {
        var batch = _undealt.Where(static t => t.State == SchedulerTaskState.Queued && t.Home is null).Distinct().OrderBy(static t => t, PriorityComparer.Instance).ToList();
        _undealt.Clear();
        var live = _workers.Values.Where(static w => !w.Closing).OrderBy(static w => w.Id.Length).ThenBy(static w => w.Id, StringComparer.Ordinal).ToList();
        if (batch.Count > 0 && live.Count > 0)
        {
            int[] quota = Quotas(live, batch.Count);
            int next = 0;
            for (int i = 0; i < live.Count; i++)
            {
                for (int j = 0; j < quota[i]; j++)
                {
                    SchedulerTask t = batch[next++];
                    t.Home = live[i];
                    live[i].HomeQueue.Add(t);
                }
            }
        }

        foreach (SchedulerWorker w in live)
        {
            FillSlots(w, stimulusId, steal: false);
        }

        foreach (SchedulerWorker w in live)
        {
            FillSlots(w, stimulusId);
        }
    }

    /// <summary>
    /// How many of <paramref name="count"/> new roots each worker gets: the shares after dealing come as close as
    /// whole tasks allow to each worker's part of all queued roots by threads (largest remainders first, then
    /// the earlier worker).
    /// </summary>
    private static int[] Quotas(List<SchedulerWorker> live, int count)
    {
        long total = count + live.Sum(static w => (long)w.HomeQueue.Count);
        long threads = live.Sum(static w => (long)w.NThreads);
        var want = live.Select(w => Math.Max(0.0, ((double)total * w.NThreads / threads) - w.HomeQueue.Count)).ToArray();
        double sum = want.Sum();
        var quota = new int[live.Count];
        var rest = new double[live.Count];
        int dealt = 0;
        for (int i = 0; i < live.Count; i++)
        {
            double share = sum > 0 ? want[i] * count / sum : (double)count / live.Count;
            quota[i] = (int)Math.Floor(share);
            rest[i] = share - quota[i];
            dealt += quota[i];
        }

        foreach (int i in Enumerable.Range(0, live.Count).OrderByDescending(i => rest[i]).ThenBy(static i => i).Take(count - dealt))
        {
            quota[i]++;
        }

        return quota;
    }
}
