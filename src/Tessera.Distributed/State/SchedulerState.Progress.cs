namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    private readonly Dictionary<string, Dictionary<string, ProgressCounts>> _progress = new(StringComparer.Ordinal);

    /// <summary>Bumped whenever any client's progress changes, so hosts send updates only then.</summary>
    public long ProgressVersion { get; private set; }

    /// <summary>Tasks a client submitted per prefix, since it last had nothing wanted.</summary>
    public IReadOnlyDictionary<string, ProgressCounts> Progress(string clientId) =>
        _progress.TryGetValue(clientId, out var p) ? p : new Dictionary<string, ProgressCounts>();

    private void CountSubmitted(string clientId, SchedulerTask t)
    {
        if (!_progress.TryGetValue(clientId, out var byPrefix))
        {
            byPrefix = new Dictionary<string, ProgressCounts>(StringComparer.Ordinal);
            _progress.Add(clientId, byPrefix);
        }

        ProgressCounts c = byPrefix.GetValueOrDefault(t.Prefix) ?? new ProgressCounts();
        c.Total++;
        byPrefix[t.Prefix] = c;
        ProgressVersion++;
    }

    private void CountOutcome(SchedulerTask t, bool erred)
    {
        if (t.Counted)
        {
            return;
        }

        t.Counted = true;
        if (_progress.TryGetValue(t.ClientId, out var byPrefix) && byPrefix.TryGetValue(t.Prefix, out ProgressCounts? c))
        {
            if (erred)
            {
                c.Erred++;
            }
            else
            {
                c.Done++;
            }

            ProgressVersion++;
        }
    }

    private void ResetProgress(string clientId)
    {
        if (_progress.Remove(clientId))
        {
            ProgressVersion++;
        }
    }
}

/// <summary>Progress counters of one task prefix.</summary>
internal sealed class ProgressCounts
{
    public long Total { get; set; }

    public long Done { get; set; }

    public long Erred { get; set; }
}
