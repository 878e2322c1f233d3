using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

/// <summary>
/// A worker's logic as a pure state machine: compute requests, finished executions, fetched data
/// and frees in; executions, fetches, releases and scheduler messages out. The host runs the
/// instructions and feeds back their outcomes, one call at a time.
/// </summary>
/// <param name="nthreads">Threads that run tasks.</param>
/// <param name="selfAddress">This worker's data address (never fetched from).</param>
/// <param name="transferBudgetBytes">
/// Bytes of fetches in flight at most (Dask's <c>transfer_incoming_bytes_limit</c>); one fetch may exceed it when
/// nothing else is in flight. <see cref="long.MaxValue"/> for no limit.
/// </param>
/// <param name="maxConcurrentGathers">Fetches in flight at most (one per peer).</param>
/// <param name="maxRequestBytes">Bytes asked of one peer in one request at most (one key may exceed it).</param>
internal sealed partial class WorkerState(int nthreads, string selfAddress, long transferBudgetBytes = long.MaxValue, int maxConcurrentGathers = 4, long maxRequestBytes = 512L << 20)
{
    private readonly Dictionary<string, WorkerTask> _tasks = new(StringComparer.Ordinal);
    private readonly SortedSet<WorkerTask> _ready = new(Comparer<WorkerTask>.Create(CompareTasks));
    private readonly List<WorkerInstruction> _out = [];

    // Candidates for fetching (may hold stale entries; Schedule filters), so a worker with thousands
    // of queued tasks does not scan them all on every event.
    private readonly HashSet<WorkerTask> _toFetch = [];
    private int _gathers;
    private long _inFlightBytes;

    public int NThreads { get; } = Math.Max(1, nthreads);

    public int ExecutingCount { get; private set; }

    public int ReadyCount => _ready.Count;

    public int InMemoryCount => _tasks.Values.Count(static t => t.State == WorkerTaskState.Memory);

    public IReadOnlyDictionary<string, WorkerTask> Tasks => _tasks;

    /// <summary>The scheduler asks this worker to compute a task.</summary>
    public List<WorkerInstruction> HandleCompute(ComputeTask msg)
    {
        _out.Clear();
        string sid = msg.StimulusId;
        if (_tasks.TryGetValue(msg.Key, out WorkerTask? t))
        {
            switch (t.State)
            {
                case WorkerTaskState.Memory:
                    // Already here (e.g. fetched as a dependency before): report it as done.
                    t.Compute = msg;
                    Emit(new SendToScheduler(new WorkerMessage { TaskFinished = new TaskFinished { Key = t.Key, Nbytes = t.NBytes, StimulusId = sid } }, sid));
                    return Take();
                case WorkerTaskState.Cancelled:
                    t.State = WorkerTaskState.Executing;
                    t.Compute = msg;
                    return Take();
                case WorkerTaskState.Executing or WorkerTaskState.Ready or WorkerTaskState.Waiting:
                    return Take();
                default:
                    // Fetch/Flight of a key we are now asked to compute: compute it (the fetch result is ignored).
                    break;
            }
        }
        else
        {
            t = new WorkerTask(msg.Key);
            _tasks.Add(t.Key, t);
        }

        t.Compute = msg;
        t.Priority = [.. msg.Priority];
        int waiting = 0;
        foreach (KeyLocation loc in msg.Dependencies)
        {
            if (!_tasks.TryGetValue(loc.Key, out WorkerTask? dep))
            {
                dep = new WorkerTask(loc.Key) { State = WorkerTaskState.Fetch, NBytes = loc.Nbytes, Priority = t.Priority };
                _toFetch.Add(dep);
                _tasks.Add(dep.Key, dep);
            }

            dep.WhoHas.Clear();
            dep.WhoHas.AddRange(loc.DataAddresses.Where(a => a != selfAddress));
            if (PriorityComparer.Compare(t.Priority, dep.Priority) < 0 && !dep.IsCompute)
            {
                dep.Priority = t.Priority;
            }

            t.Dependencies.Add(dep);
            dep.Dependents.Add(t);
            if (dep.State != WorkerTaskState.Memory)
            {
                waiting++;
            }
        }

        t.WaitingOn = waiting;
        if (waiting == 0)
        {
            t.State = WorkerTaskState.Ready;
            _ready.Add(t);
        }
        else
        {
            t.State = WorkerTaskState.Waiting;
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>A task ran to completion on a thread.</summary>
    public List<WorkerInstruction> HandleExecuteSuccess(string key, long nbytes, string typeName, double start, double stop, byte[]? smallValue, string sid)
    {
        _out.Clear();
        if (!_tasks.TryGetValue(key, out WorkerTask? t) || t.State is not (WorkerTaskState.Executing or WorkerTaskState.Cancelled))
        {
            Emit(new ReleaseData([key], sid));
            return Take();
        }

        ExecutingCount--;
        bool cancelled = t.State == WorkerTaskState.Cancelled;
        t.NBytes = nbytes;
        t.State = WorkerTaskState.Memory;
        ReleaseInputs(t, sid);
        if (cancelled)
        {
            Forget(t, sid);
        }
        else
        {
            var done = new TaskFinished { Key = key, Nbytes = nbytes, TypeName = typeName, StimulusId = sid, StartSeconds = start, StopSeconds = stop };
            if (smallValue is not null)
            {
                done.SmallValue = Google.Protobuf.ByteString.CopyFrom(smallValue);
                done.HasSmallValue = true;
            }

            Emit(new SendToScheduler(new WorkerMessage { TaskFinished = done }, sid));
            WakeDependents(t, sid);
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>A task raised on a thread.</summary>
    public List<WorkerInstruction> HandleExecuteFailure(string key, ErrorInfo error, string sid)
    {
        _out.Clear();
        if (_tasks.TryGetValue(key, out WorkerTask? t) && t.State is WorkerTaskState.Executing or WorkerTaskState.Cancelled)
        {
            ExecutingCount--;
            bool cancelled = t.State == WorkerTaskState.Cancelled;
            ReleaseInputs(t, sid);

            // Not ours to run any more: a local dependent may still link to the key (as an input with no
            // holder) until the scheduler frees it, but a retry of the key must start afresh.
            t.Compute = null;
            t.State = WorkerTaskState.Fetch;
            Forget(t, sid);
            if (!cancelled)
            {
                Emit(new SendToScheduler(new WorkerMessage { TaskErred = new TaskErred { Key = key, Error = error, StimulusId = sid } }, sid));
            }
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>A fetch from a peer ended: these keys arrived (with their sizes) and these were missing or unreachable.</summary>
    public List<WorkerInstruction> HandleGatherDone(string address, IReadOnlyList<(string Key, long NBytes)> arrived, IReadOnlyList<string> missing, long requestedBytes, string sid)
    {
        _out.Clear();
        _gathers--;
        _inFlightBytes -= requestedBytes;
        var drop = new List<string>();
        KeysAdded? added = null;
        foreach ((string key, long nbytes) in arrived)
        {
            if (_tasks.TryGetValue(key, out WorkerTask? dep) && dep.State == WorkerTaskState.Flight && (dep.Dependents.Count > 0 || dep.Replica))
            {
                dep.State = WorkerTaskState.Memory;
                dep.NBytes = nbytes;
                WakeDependents(dep, sid);
                if (dep.Replica)
                {
                    added ??= new KeysAdded { StimulusId = sid };
                    added.Keys.Add(new KeyLocation { Key = key, Nbytes = nbytes });
                }
            }
            else if (dep is null || dep.State != WorkerTaskState.Memory)
            {
                if (dep is { State: WorkerTaskState.Flight, Dependents.Count: 0 })
                {
                    // Its dependents were freed while it travelled: forget it, or a later need would wait on a dead fetch.
                    _tasks.Remove(key);
                }

                drop.Add(key);
            }
        }

        if (drop.Count > 0)
        {
            Emit(new ReleaseData(drop, sid));
        }

        if (added is not null)
        {
            Emit(new SendToScheduler(new WorkerMessage { KeysAdded = added }, sid));
        }

        foreach (string key in missing)
        {
            if (!_tasks.TryGetValue(key, out WorkerTask? dep) || dep.State != WorkerTaskState.Flight)
            {
                continue;
            }

            dep.WhoHas.Remove(address);
            if (dep.Dependents.Count == 0)
            {
                _tasks.Remove(key);
                continue;
            }

            if (dep.WhoHas.Count > 0)
            {
                dep.State = WorkerTaskState.Fetch;
                _toFetch.Add(dep);
                continue;
            }

            // No peer left for it: tell the scheduler, drop the tasks that needed it; it reschedules them.
            foreach (WorkerTask d in dep.Dependents.ToList())
            {
                Emit(new SendToScheduler(new WorkerMessage { MissingData = new MissingData { Key = key, FromAddress = address, ForKey = d.Key, StimulusId = sid } }, sid));
            }

            dep.State = WorkerTaskState.Fetch;
            _toFetch.Add(dep);
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>The scheduler no longer needs these keys here.</summary>
    public List<WorkerInstruction> HandleFreeKeys(IEnumerable<string> keys, string sid)
    {
        _out.Clear();
        foreach (string key in keys)
        {
            if (!_tasks.TryGetValue(key, out WorkerTask? t))
            {
                continue;
            }

            switch (t.State)
            {
                case WorkerTaskState.Executing:
                    t.State = WorkerTaskState.Cancelled;
                    break;
                case WorkerTaskState.Cancelled:
                    break;
                case WorkerTaskState.Memory when t.Dependents.Count > 0:
                    // Still an input of a task queued here: keep the value, but it is no longer ours to report.
                    t.Compute = null;
                    t.Replica = false;
                    break;
                default:
                    _ready.Remove(t);
                    ReleaseInputs(t, sid);
                    Forget(t, sid);
                    break;
            }
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>The scheduler asks this worker to fetch and keep copies of keys (a retiring peer's results).</summary>
    public List<WorkerInstruction> HandleAcquire(IEnumerable<KeyLocation> keys, string sid)
    {
        _out.Clear();
        KeysAdded? have = null;
        foreach (KeyLocation loc in keys)
        {
            if (_tasks.TryGetValue(loc.Key, out WorkerTask? t))
            {
                if (t.State == WorkerTaskState.Memory)
                {
                    t.Replica = true;
                    have ??= new KeysAdded { StimulusId = sid };
                    have.Keys.Add(new KeyLocation { Key = loc.Key, Nbytes = t.NBytes });
                    continue;
                }

                if (t.State is not (WorkerTaskState.Fetch or WorkerTaskState.Flight))
                {
                    continue;
                }
            }
            else
            {
                t = new WorkerTask(loc.Key) { State = WorkerTaskState.Fetch };
                _tasks.Add(t.Key, t);
            }

            t.Replica = true;
            t.ClientId = loc.ClientId;
            t.NBytes = loc.Nbytes;
            if (t.State == WorkerTaskState.Fetch)
            {
                t.WhoHas.Clear();
                t.WhoHas.AddRange(loc.DataAddresses.Where(a => a != selfAddress));
                _toFetch.Add(t);
            }
        }

        if (have is not null)
        {
            Emit(new SendToScheduler(new WorkerMessage { KeysAdded = have }, sid));
        }

        Schedule(sid);
        return Take();
    }

    /// <summary>The scheduler wants to move a task this worker has not started.</summary>
    public List<WorkerInstruction> HandleSteal(string key, string sid)
    {
        _out.Clear();
        bool stolen = false;
        if (_tasks.TryGetValue(key, out WorkerTask? t) && t.IsCompute && t.State is WorkerTaskState.Ready or WorkerTaskState.Waiting)
        {
            _ready.Remove(t);
            ReleaseInputs(t, sid);
            Forget(t, sid);
            stolen = true;
        }

        Emit(new SendToScheduler(new WorkerMessage { StealResponse = new StealResponse { Key = key, Stolen = stolen, StimulusId = sid } }, sid));
        Schedule(sid);
        return Take();
    }

    /// <summary>Starts ready tasks on free threads and fetches missing inputs within the transfer budget.</summary>
    private void Schedule(string sid)
    {
        if (Paused)
        {
            return;
        }

        while (ExecutingCount < NThreads && _ready.Count > 0)
        {
            WorkerTask t = _ready.Min!;
            _ready.Remove(t);
            t.State = WorkerTaskState.Executing;
            ExecutingCount++;
            Emit(new Execute(t, sid));
        }

        if (_gathers >= maxConcurrentGathers || _inFlightBytes >= transferBudgetBytes)
        {
            return;
        }

        // Batch keys per peer, best priority first, within the budget (shared by all peers; one key may
        // exceed it only when nothing else is in flight, so that an oversized input is still fetched).
        // The first key over the budget stops the round: smaller keys of lower priority do not overtake it.
        var byPeer = new Dictionary<string, (List<string> Keys, long Bytes)>(StringComparer.Ordinal);
        long planned = 0;
        if (_toFetch.Count == 0)
        {
            return;
        }

        _toFetch.RemoveWhere(d => d.State != WorkerTaskState.Fetch || !_tasks.TryGetValue(d.Key, out WorkerTask? known) || !ReferenceEquals(known, d));
        foreach (WorkerTask dep in _toFetch.Where(static d => d.WhoHas.Count > 0 && (d.Dependents.Count > 0 || d.Replica)).OrderBy(static d => d, Comparer<WorkerTask>.Create(CompareTasks)).ToList())
        {
            string peer = dep.WhoHas[0];
            if (!byPeer.TryGetValue(peer, out var batch))
            {
                if (_gathers + byPeer.Count >= maxConcurrentGathers)
                {
                    continue;
                }

                batch = ([], 0);
            }

            long bytes = Math.Max(0, dep.NBytes);
            bool nothingInFlight = _gathers == 0 && byPeer.Count == 0;
            if (!nothingInFlight && _inFlightBytes + planned + bytes > transferBudgetBytes)
            {
                break;
            }

            if (batch.Keys.Count > 0 && batch.Bytes + bytes > maxRequestBytes)
            {
                continue;
            }

            planned += bytes;
            batch.Keys.Add(dep.Key);
            batch.Bytes += bytes;
            byPeer[peer] = batch;
            dep.State = WorkerTaskState.Flight;
        }

        foreach ((string peer, var batch) in byPeer)
        {
            _gathers++;
            _inFlightBytes += batch.Bytes;
            Emit(new GatherDep(peer, batch.Keys, batch.Bytes, sid));
        }
    }

    private void WakeDependents(WorkerTask t, string sid)
    {
        foreach (WorkerTask d in t.Dependents)
        {
            if (d.State == WorkerTaskState.Waiting && --d.WaitingOn == 0)
            {
                d.State = WorkerTaskState.Ready;
                _ready.Add(d);
            }
        }

        _ = sid;
    }

    /// <summary>Unlinks a finished or dropped task from its inputs; fetched inputs nobody else needs are released.</summary>
    private void ReleaseInputs(WorkerTask t, string sid)
    {
        foreach (WorkerTask dep in t.Dependencies)
        {
            dep.Dependents.Remove(t);
            if (dep.Dependents.Count == 0 && !dep.IsCompute && !dep.Replica && dep.State is WorkerTaskState.Memory or WorkerTaskState.Fetch)
            {
                Forget(dep, sid);
            }
        }

        t.Dependencies.Clear();
    }

    private void Forget(WorkerTask t, string sid)
    {
        if (t.State == WorkerTaskState.Memory)
        {
            Emit(new ReleaseData([t.Key], sid));
        }

        if (t.Dependents.Count == 0 && t.State != WorkerTaskState.Flight)
        {
            _tasks.Remove(t.Key);
        }
        else if (t.State == WorkerTaskState.Memory)
        {
            t.State = WorkerTaskState.Fetch;
            _toFetch.Add(t);
        }
    }

    private void Emit(WorkerInstruction instruction) => _out.Add(instruction);

    private List<WorkerInstruction> Take()
    {
        var list = new List<WorkerInstruction>(_out);
        _out.Clear();
        return list;
    }

    private static int CompareTasks(WorkerTask? a, WorkerTask? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        int c = PriorityComparer.Compare(a!.Priority, b!.Priority);
        return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
    }
}
