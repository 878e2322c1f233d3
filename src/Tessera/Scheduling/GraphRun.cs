using System.Runtime.InteropServices;
using Tessera.Graphs;

namespace Tessera.Scheduling;

/// <summary>
/// One execution of a compiled graph: dense arrays for the remaining dependency and dependent counts, a
/// lock-protected ready heap ordered by priority, and per-instance reference counts so that intermediate
/// <see cref="IReleasableResult"/>s are released exactly once, as soon as nothing live refers to them.
/// </summary>
internal sealed partial class GraphRun
{
    private readonly CompiledGraph _g;
    private readonly int[] _priority;
    private readonly object?[] _results;
    private readonly int[] _remainingDeps;
    private readonly int[] _remainingDependents;
    private readonly int[] _refStart;
    private readonly int[] _refIdx;
    private readonly int _maxArgs;
    private readonly Dictionary<object, int> _refCounts = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _pinned = new(ReferenceEqualityComparer.Instance);
    private readonly IntHeap _ready;
    private readonly object _lock = new();
    private CancellationTokenRegistration _registration;
    private readonly TaskCompletionSource<object?[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _ct;
    private int _completed;
    private int _idle;
    private int _activeWorkers;
    private bool _stop;
    private Exception? _error;

    public GraphRun(CompiledGraph g, int[] priority)
    {
        _g = g;
        _priority = priority;
        int n = g.Count;
        _results = new object?[n];
        _remainingDeps = new int[n];
        _remainingDependents = new int[n];
        _ready = new IntHeap(priority, 64);
        _refStart = new int[n + 1];
        var refs = new List<int>(g.DepIdx.Length);
        for (int i = 0; i < n; i++)
        {
            _remainingDeps[i] = g.DependencyCount(i);
            _remainingDependents[i] = g.DependentCount(i);
            if (_remainingDeps[i] == 0)
            {
                _ready.Push(i);
            }

            TaskSpec t = g.Tasks[i];
            _maxArgs = Math.Max(_maxArgs, t.ArgsArray.Length);
            CollectRefs(i, t.ArgsArray, refs);
            _refStart[i + 1] = refs.Count;
        }

        _refIdx = [.. refs];
    }

    public Task<object?[]> Completion => _done.Task;

    /// <summary>Starts <paramref name="workers"/> dedicated threads; the returned task completes when all have exited.</summary>
    public Task<object?[]> Start(int workers, CancellationToken ct)
    {
        if (!Prepare(ct))
        {
            return _done.Task;
        }

        workers = Math.Max(1, Math.Min(workers, _g.Count));
        _activeWorkers = workers;
        for (int w = 0; w < workers; w++)
        {
            var thread = new Thread(WorkerLoop) { IsBackground = true, Name = "tessera-worker-" + w };
            thread.Start();
        }

        return _done.Task;
    }

    /// <summary>Runs every task on the calling thread, in priority order.</summary>
    public Task<object?[]> RunInline(CancellationToken ct)
    {
        if (Prepare(ct))
        {
            _activeWorkers = 1;
            WorkerLoop();
        }

        return _done.Task;
    }

    private bool Prepare(CancellationToken ct)
    {
        _ct = ct;
        if (ct.IsCancellationRequested)
        {
            _done.TrySetCanceled(ct);
            return false;
        }

        if (_g.Count == 0)
        {
            _done.TrySetResult([]);
            return false;
        }

        if (ct.CanBeCanceled)
        {
            _registration = ct.UnsafeRegister(static s => ((GraphRun)s!).Stop(), this);
        }

        return true;
    }

    private void Stop()
    {
        lock (_lock)
        {
            _stop = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void CollectRefs(int task, TaskArg[] args, List<int> refs)
    {
        IReadOnlyList<Key> deps = _g.Tasks[task].Dependencies;
        Dictionary<Key, int>? positions = null;
        if (deps.Count > 16)
        {
            positions = new Dictionary<Key, int>(deps.Count);
            for (int p = 0; p < deps.Count; p++)
            {
                positions[deps[p]] = p;
            }
        }

        CollectRefs(task, args, refs, deps, positions);
    }

    private void CollectRefs(int task, TaskArg[] args, List<int> refs, IReadOnlyList<Key> deps, Dictionary<Key, int>? positions)
    {
        foreach (TaskArg a in args)
        {
            switch (a.Kind)
            {
                case TaskArgKind.Ref:
                    int pos = 0;
                    if (positions is not null)
                    {
                        pos = positions[a.Key];
                    }
                    else
                    {
                        while (deps[pos] != a.Key)
                        {
                            pos++;
                        }
                    }

                    refs.Add(_g.DepIdx[_g.DepStart[task] + pos]);
                    break;
                case TaskArgKind.List:
                    CollectRefs(task, a.ItemsArray, refs, deps, positions);
                    break;
                case TaskArgKind.Inline:
                    CollectRefs(task, a.InlineTask!.ArgsArray, refs, deps, positions);
                    break;
                default:
                    if (a.Value is IReleasableResult r && _pinned.Add(r))
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(_refCounts, r, out _)++;
                    }

                    break;
            }
        }
    }
}
