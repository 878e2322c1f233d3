using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

/// <summary>
/// The scheduler's logic as a pure state machine: events in (graph updates, task outcomes, workers
/// and clients coming and going), instructions out. No sockets, no threads, no clock of its own
/// beyond the injected <see cref="TimeProvider"/>; the host serialises calls.
/// </summary>
internal sealed partial class SchedulerState
{
    /// <summary>Assumed duration of a task whose prefix has never finished (Dask's default).</summary>
    internal const double UnknownTaskSeconds = 0.5;

    /// <summary>
    /// Bytes per second assumed for moving a dependency between workers: Dask's default of 100 MB/s. Loopback moves
    /// several GB/s between idle processes, but a transfer also costs the sender and the receiver CPU and memory
    /// bandwidth while they compute: in the reference job a 256 MiB fetch from a busy worker took 1.9 to 2.9 s
    /// (about 100 MB/s), so at 1 GB/s cheap fold steps moved away from the data they needed.
    /// </summary>
    internal const double Bandwidth = 1e8;

    /// <summary>A worker that lost this many tasks in a row with its death makes the task fail.</summary>
    internal const int AllowedFailures = 3;

    private readonly Dictionary<string, SchedulerTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchedulerWorker> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<SchedulerTask>> _clients = new(StringComparer.Ordinal);
    private readonly SortedSet<SchedulerTask> _queued = new(PriorityComparer.Instance);

    /// <summary>Root-ish tasks queued during this event and not yet dealt to workers' home queues (done in <see cref="Take"/>).</summary>
    private readonly List<SchedulerTask> _undealt = [];

    private string _dealStimulus = "";
    private readonly HashSet<SchedulerTask> _noWorker = [];
    private readonly HashSet<SchedulerWorker> _freed = [];
    private readonly Dictionary<string, (double Seconds, long Bytes, int Count)> _prefixStats = new(StringComparer.Ordinal);
    private readonly List<SchedulerInstruction> _out = [];
    private readonly TimeProvider _time;
    private int _nextWorker;

    public SchedulerState(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Function bytes by content id, as clients sent them; the host ships them to workers once each.</summary>
    public Dictionary<string, byte[]> Functions { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SchedulerTask> Tasks => _tasks;

    public IReadOnlyDictionary<string, SchedulerWorker> Workers => _workers;

    public IReadOnlyCollection<SchedulerTask> Queued => _queued;

    public IReadOnlyCollection<SchedulerTask> Unrunnable => _noWorker;

    public IEnumerable<string> Clients => _clients.Keys;

    /// <summary>Transitions so far, for the dashboard and for debugging (bounded).</summary>
    public TransitionLog Log { get; } = new(10_000);

    /// <summary>When the machine last changed, from the injected clock.</summary>
    public DateTimeOffset LastChange { get; private set; }

    public SchedulerTask? GetTask(string key) => _tasks.GetValueOrDefault(key);

    // ------------------------------------------------------------------ clients

    public List<SchedulerInstruction> AddClient(string clientId)
    {
        Begin();
        _clients.TryAdd(clientId, []);
        return Take();
    }

    /// <summary>A client submitted tasks and names the keys it holds futures for.</summary>
    public List<SchedulerInstruction> UpdateGraph(string clientId, IReadOnlyList<NewTask> tasks, IReadOnlyDictionary<string, byte[]> functions, IReadOnlyList<string> wanted, string stimulusId)
    {
        Begin();
        if (!_clients.TryGetValue(clientId, out HashSet<SchedulerTask>? wants))
        {
            throw new InvalidOperationException($"Unknown client '{clientId}'.");
        }

        foreach ((string id, byte[] bytes) in functions)
        {
            Functions.TryAdd(id, bytes);
        }

        // Check the whole update before changing anything: a rejected graph must leave no half-linked tasks behind.
        var byKey = new Dictionary<string, NewTask>(tasks.Count, StringComparer.Ordinal);
        foreach (NewTask n in tasks)
        {
            if (!byKey.TryAdd(n.Key, n))
            {
                throw new InvalidOperationException($"Task {KeyCodec.Display(n.Key)} appears twice in the graph.");
            }
        }

        foreach (NewTask n in tasks)
        {
            if (_tasks.ContainsKey(n.Key))
            {
                continue;
            }

            if (!Functions.ContainsKey(n.FunctionId))
            {
                throw new InvalidOperationException($"Task {KeyCodec.Display(n.Key)} names function {n.FunctionId}, which was not sent.");
            }

            foreach (string d in n.Dependencies)
            {
                if (!byKey.ContainsKey(d) && !_tasks.ContainsKey(d))
                {
                    throw new InvalidOperationException($"Task {KeyCodec.Display(n.Key)} depends on {KeyCodec.Display(d)}, which is neither in the graph nor on the cluster.");
                }
            }
        }

        foreach (string k in wanted)
        {
            if (!byKey.ContainsKey(k) && !_tasks.ContainsKey(k))
            {
                throw new InvalidOperationException($"Wanted key {KeyCodec.Display(k)} is not in the graph.");
            }
        }

        var added = new List<SchedulerTask>(tasks.Count);
        foreach (NewTask n in tasks)
        {
            if (!_tasks.TryGetValue(n.Key, out SchedulerTask? t))
            {
                t = new SchedulerTask(n.Key, clientId, n.FunctionId, n.Args, n.Priority) { Scattered = n.Scattered };
                _tasks[n.Key] = t;
                added.Add(t);
            }
            else if (t.State is SchedulerTaskState.Released or SchedulerTaskState.Erred && PriorityComparer.Compare(n.Priority, t.Priority) < 0)
            {
                t.Priority = n.Priority;
            }
        }

        // Edges after all tasks exist: a graph may list dependents before dependencies.
        foreach (SchedulerTask t in added)
        {
            CountSubmitted(clientId, t);
            foreach (string d in byKey[t.Key].Dependencies)
            {
                SchedulerTask dep = _tasks[d];
                t.Dependencies.Add(dep);
                dep.Dependents.Add(t);
            }
        }

        foreach (string k in wanted)
        {
            SchedulerTask t = _tasks[k];
            t.WhoWants.Add(clientId);
            wants.Add(t);
            switch (t.State)
            {
                case SchedulerTaskState.Memory:
                    Emit(new TellClientInMemory(clientId, t, stimulusId));
                    break;
                case SchedulerTaskState.Erred:
                    Emit(new TellClientErred(clientId, t.Key, t.ErredKey ?? t.Key, t.Error!, stimulusId));
                    break;
                default:
                    break;
            }
        }

        // Activate wanted tasks in priority order so the ready ones reach workers in graph order.
        foreach (SchedulerTask t in wanted.Select(k => _tasks[k]).OrderBy(static t => t, PriorityComparer.Instance))
        {
            Activate(t, stimulusId);
        }

        return Take();
    }

    /// <summary>A client dropped its futures for these keys.</summary>
    public List<SchedulerInstruction> ReleaseKeys(string clientId, IEnumerable<string> keys, string stimulusId)
    {
        Begin();
        ReleaseWants(clientId, keys, stimulusId, cancel: false);
        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>A client cancels these keys: its futures end as cancelled and unneeded work stops.</summary>
    public List<SchedulerInstruction> CancelKeys(string clientId, IEnumerable<string> keys, string stimulusId)
    {
        Begin();
        ReleaseWants(clientId, keys, stimulusId, cancel: true);
        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>A client disconnected: everything only it wanted is released or cancelled.</summary>
    public List<SchedulerInstruction> RemoveClient(string clientId, string stimulusId)
    {
        Begin();
        if (_clients.TryGetValue(clientId, out HashSet<SchedulerTask>? wants))
        {
            ReleaseWants(clientId, wants.Select(static t => t.Key).ToList(), stimulusId, cancel: false);
            _clients.Remove(clientId);
            ResetProgress(clientId);
        }

        FillFreedSlots(stimulusId);
        return Take();
    }

    /// <summary>
    /// Drops the shipped functions that no task still held here uses (called once a client has left: every
    /// graph update carries the functions it names, so nothing needs them later) and returns their ids, which
    /// the host tells the workers to drop as well.
    /// </summary>
    public List<string> EvictUnusedFunctions()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (SchedulerTask t in _tasks.Values)
        {
            used.Add(t.FunctionId);
        }

        var evicted = Functions.Keys.Where(id => !used.Contains(id)).ToList();
        foreach (string id in evicted)
        {
            Functions.Remove(id);
        }

        return evicted;
    }

    private void ReleaseWants(string clientId, IEnumerable<string> keys, string stimulusId, bool cancel)
    {
        HashSet<SchedulerTask>? wants = _clients.GetValueOrDefault(clientId);
        foreach (string k in keys)
        {
            if (!_tasks.TryGetValue(k, out SchedulerTask? t) || !t.WhoWants.Remove(clientId))
            {
                continue;
            }

            wants?.Remove(t);
            if (cancel)
            {
                Emit(new TellClientCancelled(clientId, k, "cancelled by the client", stimulusId));
            }

            ReleaseIfUnneeded(t, stimulusId);
        }

        if (wants is { Count: 0 })
        {
            ResetProgress(clientId);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void Begin()
    {
        _out.Clear();
        _freed.Clear();
        LastChange = _time.GetUtcNow();
    }

    private List<SchedulerInstruction> Take()
    {
        if (_undealt.Count > 0)
        {
            DealRoots(_dealStimulus);
        }

        var list = new List<SchedulerInstruction>(_out);
        _out.Clear();
        return list;
    }

    private void Emit(SchedulerInstruction instruction) => _out.Add(instruction);

    private void Transition(SchedulerTask t, SchedulerTaskState to, string stimulusId)
    {
        Log.Add(t.Key, t.State, to, stimulusId, LastChange);
        t.State = to;
    }

    private static bool IsActive(SchedulerTaskState s) =>
        s is SchedulerTaskState.Waiting or SchedulerTaskState.Queued or SchedulerTaskState.NoWorker or SchedulerTaskState.Processing;

    /// <summary>Needed: a client wants it, or a dependent that is running or waiting needs its value.</summary>
    private static bool IsNeeded(SchedulerTask t) =>
        t.WhoWants.Count > 0 || t.Dependents.Any(static d => IsActive(d.State));
}
