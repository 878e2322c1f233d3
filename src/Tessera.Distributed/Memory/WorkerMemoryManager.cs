namespace Tessera.Distributed.Memory;

/// <summary>
/// The decisions of a worker's memory manager, without I/O (Dask's <c>WorkerMemoryManager</c>): which results are in
/// memory and in which order they were last used, which are on disk, which are pinned by running tasks or transfers,
/// what to spill to get under the target, and when to pause, resume and terminate. Not thread-safe: the store calls it
/// under its lock.
/// </summary>
internal sealed class WorkerMemoryManager
{
    private readonly LinkedList<string> _lru = new();
    private readonly Dictionary<string, MemoryEntry> _entries = new(StringComparer.Ordinal);
    private long _spillingBytes;

    /// <summary>Creates a manager for <paramref name="thresholds"/>.</summary>
    public WorkerMemoryManager(MemoryThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Thresholds = thresholds;
    }

    /// <summary>The limit and fractions.</summary>
    public MemoryThresholds Thresholds { get; }

    /// <summary>Bytes of results held in memory (managed memory).</summary>
    public long ManagedBytes { get; private set; }

    /// <summary>Bytes of results on disk.</summary>
    public long SpilledBytes { get; private set; }

    /// <summary>Keys on disk.</summary>
    public int SpilledCount { get; private set; }

    /// <summary>Whether the last readings paused the worker.</summary>
    public bool Paused { get; private set; }

    /// <summary>Whether <paramref name="key"/> is known and on disk.</summary>
    public bool IsSpilled(string key) => _entries.TryGetValue(key, out MemoryEntry? e) && e.Spilled;

    /// <summary>Whether <paramref name="key"/> is in memory and unpinned (a spill that just finished may evict it).</summary>
    public bool IsSpillable(string key) => _entries.TryGetValue(key, out MemoryEntry? e) && e.Node is not null && e.Pins == 0;

    /// <summary>A result arrived in memory; it becomes the most recently used.</summary>
    public void Add(string key, long nbytes)
    {
        Remove(key);
        var e = new MemoryEntry(nbytes) { Node = _lru.AddLast(key) };
        _entries[key] = e;
        ManagedBytes += nbytes;
    }

    /// <summary>The result was read: it becomes the most recently used.</summary>
    public void Touch(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e) && e.Node is { } node)
        {
            _lru.Remove(node);
            _lru.AddLast(node);
        }
    }

    /// <summary>The result is gone (released, or the worker is clearing).</summary>
    public void Remove(string key)
    {
        if (!_entries.Remove(key, out MemoryEntry? e))
        {
            return;
        }

        if (e.Spilling)
        {
            _spillingBytes -= e.NBytes;
        }

        if (e.Node is { } node)
        {
            _lru.Remove(node);
            ManagedBytes -= e.NBytes;
        }
        else
        {
            SpilledBytes -= e.NBytes;
            SpilledCount--;
        }
    }

    /// <summary>A task or a transfer uses the value: it may not be spilled until <see cref="Unpin"/>.</summary>
    public void Pin(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e))
        {
            e.Pins++;
        }
    }

    /// <summary>Ends one <see cref="Pin"/>.</summary>
    public void Unpin(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e) && e.Pins > 0)
        {
            e.Pins--;
        }
    }

    /// <summary>The value cannot be encoded (it holds something that cannot ship): never pick it again.</summary>
    public void MarkUnspillable(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e))
        {
            e.Unspillable = true;
        }
    }

    /// <summary>The store starts writing <paramref name="key"/>; it no longer counts towards the bytes to free.</summary>
    /// <returns>False when the key is gone, pinned or already being written by another thread (then the caller does not write it).</returns>
    public bool BeginSpill(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e) && e.Node is not null && !e.Spilling && e.Pins == 0)
        {
            e.Spilling = true;
            _spillingBytes += e.NBytes;
            return true;
        }

        return false;
    }

    /// <summary>The write of <paramref name="key"/> ended; when <paramref name="spilled"/> the value left memory.</summary>
    public void EndSpill(string key, bool spilled)
    {
        if (!_entries.TryGetValue(key, out MemoryEntry? e) || !e.Spilling)
        {
            return;
        }

        e.Spilling = false;
        _spillingBytes -= e.NBytes;
        if (spilled && e.Node is { } node)
        {
            _lru.Remove(node);
            e.Node = null;
            ManagedBytes -= e.NBytes;
            SpilledBytes += e.NBytes;
            SpilledCount++;
        }
    }

    /// <summary>A spilled value was read back into memory; it becomes the most recently used.</summary>
    public void Loaded(string key)
    {
        if (_entries.TryGetValue(key, out MemoryEntry? e) && e.Node is null)
        {
            e.Node = _lru.AddLast(key);
            SpilledBytes -= e.NBytes;
            SpilledCount--;
            ManagedBytes += e.NBytes;
        }
    }

    /// <summary>Keys to spill, least recently used first, so that managed bytes fall to the target.</summary>
    public IReadOnlyList<string> SpillForTarget()
    {
        if (!Thresholds.Enabled || Thresholds.Target is not { } target)
        {
            return [];
        }

        return Pick(ManagedBytes - _spillingBytes, Thresholds.Bytes(target));
    }

    /// <summary>
    /// Decides on a process-memory reading (Dask's memory monitor): terminate above the terminate threshold; above
    /// the spill threshold spill, least recently used first, until the reading less what is spilled is under the
    /// target; pause above the pause threshold, and resume once below it by <see cref="MemoryThresholds.ResumeMargin"/>.
    /// </summary>
    /// <param name="processBytes">Resident memory of the process.</param>
    public MemoryCheck Check(long processBytes)
    {
        MemoryThresholds t = Thresholds;
        if (!t.Enabled)
        {
            return new MemoryCheck([], MemoryAction.None);
        }

        if (t.Terminate is { } terminate && processBytes > t.Bytes(terminate))
        {
            return new MemoryCheck([], MemoryAction.Terminate);
        }

        IReadOnlyList<string> spill = [];
        if (t.Spill is { } spillAt && processBytes > t.Bytes(spillAt))
        {
            spill = Pick(processBytes - _spillingBytes, t.Bytes(t.Target ?? spillAt));
        }

        MemoryAction action = MemoryAction.None;
        if (t.Pause is { } pause)
        {
            if (!Paused && processBytes > t.Bytes(pause))
            {
                Paused = true;
                action = MemoryAction.Pause;
            }
            else if (Paused && processBytes < t.Bytes(Math.Max(0, pause - MemoryThresholds.ResumeMargin)))
            {
                Paused = false;
                action = MemoryAction.Resume;
            }
        }
        else if (Paused)
        {
            Paused = false;
            action = MemoryAction.Resume;
        }

        return new MemoryCheck(spill, action);
    }

    /// <summary>
    /// Room for a task about to start: a task of this kind was seen to need <paramref name="needed"/> bytes
    /// more while it ran. When the process (<paramref name="processBytes"/>) plus that need would pass
    /// <see cref="HeadroomFraction"/> of the limit, results are spilled first, least recently used first
    /// (pinned ones, the task's own inputs, stay): a facet-sized allocation then lands in memory freed
    /// beforehand instead of pushing the worker past its terminate threshold.
    /// </summary>
    /// <param name="processBytes">Resident memory of the process now.</param>
    /// <param name="needed">Bytes the task is expected to take on top while it runs.</param>
    /// <returns>The keys to spill (none when it fits, or when nothing can be spilled).</returns>
    public IReadOnlyList<string> SpillForHeadroom(long processBytes, long needed)
    {
        if (!Thresholds.Enabled || needed <= 0 || Thresholds.Spill is null)
        {
            return [];
        }

        long allowed = Thresholds.Bytes(HeadroomFraction);
        return processBytes + needed <= allowed ? [] : Pick(processBytes + needed - _spillingBytes, allowed);
    }

    /// <summary>The fraction of the limit a task's expected peak must fit under: between the pause (0.8) and terminate (0.95) thresholds.</summary>
    public const double HeadroomFraction = 0.9;

    private List<string> Pick(long current, long goal)
    {
        var keys = new List<string>();
        for (LinkedListNode<string>? n = _lru.First; n is not null && current > goal; n = n.Next)
        {
            MemoryEntry e = _entries[n.Value];
            if (e.Pins > 0 || e.Spilling || e.Unspillable)
            {
                continue;
            }

            keys.Add(n.Value);
            current -= e.NBytes;
        }

        return keys;
    }
}
