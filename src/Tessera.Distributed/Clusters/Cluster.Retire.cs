namespace Tessera.Distributed;

public abstract partial class Cluster
{
    private readonly HashSet<string> _retiredOnRequest = new(StringComparer.Ordinal);
    private readonly List<WorkerGroup> _retiring = [];

    /// <summary>
    /// A client asked the scheduler to retire these workers: their groups leave on purpose, so the requested worker
    /// count goes down by a group for each, and the groups are not replaced when they exit. Runs under the
    /// scheduler's lock: it only updates counters.
    /// </summary>
    private void OnWorkersRetiringOnRequest(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            var groups = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in names)
            {
                if (_retiredOnRequest.Add(name))
                {
                    groups.Add(GroupKey(name));
                }
            }

            int fewer = groups.Count * WorkersPerGroup;
            int desired, next;
            do
            {
                desired = Volatile.Read(ref _desired);
                next = Math.Max(0, desired - fewer);
            }
            while (Interlocked.CompareExchange(ref _desired, next, desired) != desired);
        }
    }

    /// <summary>The group a worker belongs to: workers are named after their group (<c>name</c>, or <c>name-i</c> with several).</summary>
    private string GroupKey(string worker) =>
        WorkersPerGroup == 1 || worker.LastIndexOf('-') is not (> 0 and int dash) ? worker : worker[..dash];

    /// <summary>Whether a client asked to retire one of the group's workers (then it is not replaced).</summary>
    private bool IsRetiredOnRequest(WorkerGroup group)
    {
        lock (_gate)
        {
            return _retiredOnRequest.Any(n => n == group.Name || n.StartsWith(group.Name + "-", StringComparison.Ordinal));
        }
    }

    /// <summary>Moves groups retired on request out of the running list (called under the reconcile lock), so they count neither as running nor as victims.</summary>
    private void SetAsideRetiredGroups()
    {
        foreach (WorkerGroup g in _groups.Where(IsRetiredOnRequest).ToList())
        {
            _groups.Remove(g);
            _retiring.Add(g);
        }

        _retiring.RemoveAll(static g => g.HasExited);
    }
}
