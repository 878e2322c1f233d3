using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Memory;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// A worker's results by key. The same instance may sit under several keys (identity tasks, aliases),
/// so pooled chunks are released only when the last key holding them goes. With a memory limit, results past the
/// target are spilled to disk least recently used first (see <see cref="WorkerMemoryManager"/>) and read back
/// transparently by <see cref="Get"/> and <see cref="TryGet"/>.
/// </summary>
/// <remarks>
/// A spilled value is written by <see cref="SpillCodec"/> (NDArrays raw, other values with <see cref="CodeShipper.EncodeValue"/>) and read back with the
/// <see cref="CodeLoader"/> given to <see cref="Put"/> (that of the client whose task made or needed it), so user
/// types spill too. Values that cannot be encoded stay in memory. Values in use by a running task or a transfer are
/// pinned and never spilled under them.
/// </remarks>
internal sealed class WorkerStore : IDataStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<object, int> _holders = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeLoader> _loaders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly WorkerMemoryManager _memory;
    private readonly Dictionary<string, List<object?>> _pinnedValues = new(StringComparer.Ordinal);
    private readonly SpillFiles? _spill;
    private readonly CodeShipper _shipper = new();
    private long _spillWrites;

    /// <summary>A store without a memory limit (nothing spills).</summary>
    public WorkerStore()
        : this(MemoryThresholds.None, null)
    {
    }

    /// <summary>A store that spills to <paramref name="spillDirectory"/> past <paramref name="thresholds"/>.</summary>
    public WorkerStore(MemoryThresholds thresholds, string? spillDirectory)
    {
        _memory = new WorkerMemoryManager(thresholds);
        _spill = thresholds.Enabled && spillDirectory is not null ? new SpillFiles(spillDirectory) : null;
    }

    /// <summary>Bytes held in memory (managed memory), by <see cref="DataSize.Of"/>.</summary>
    public long NBytes
    {
        get
        {
            lock (_gate)
            {
                return _memory.ManagedBytes;
            }
        }
    }

    /// <summary>Bytes of results on disk.</summary>
    public long SpilledBytes
    {
        get
        {
            lock (_gate)
            {
                return _memory.SpilledBytes;
            }
        }
    }

    /// <summary>Results written to disk since the store was created.</summary>
    public long SpillWrites => Interlocked.Read(ref _spillWrites);

    /// <summary>Where spilled results go, if anywhere.</summary>
    public string? SpillDirectory => _spill?.Directory;

    /// <summary>Whether the last process-memory check paused the worker.</summary>
    public bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _memory.Paused;
            }
        }
    }

    /// <summary>Keys held, in memory or on disk.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sizes.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is held on disk.</summary>
    public bool IsSpilled(string key)
    {
        lock (_gate)
        {
            return _files.ContainsKey(key);
        }
    }

    /// <summary>Same as <see cref="Clear"/>.</summary>
    public void Dispose() => Clear();

    /// <summary>Looks a key up for the data server, reading it back from disk if spilled; pins it until <see cref="Return"/>.</summary>
    public bool TryGet(string key, out object? value)
    {
        lock (_gate)
        {
            if (!_sizes.ContainsKey(key))
            {
                value = null;
                return false;
            }

            value = LoadLocked(key);
            PinLocked(key, value);
            return true;
        }
    }

    /// <summary>Ends the pin of <see cref="TryGet"/>.</summary>
    public void Return(string key) => Unpin(key);

    /// <summary>The value of <paramref name="key"/>, read back from disk if spilled, pinned until <see cref="Unpin"/>.</summary>
    /// <exception cref="KeyNotFoundException">Not held.</exception>
    public object? Get(string key)
    {
        object? v;
        lock (_gate)
        {
            if (!_sizes.ContainsKey(key))
            {
                throw new KeyNotFoundException($"Key {Protocol.KeyCodec.Display(key)} is not on this worker.");
            }

            v = LoadLocked(key);
            PinLocked(key, v);
        }

        SpillToTarget();
        return v;
    }

    /// <summary>Ends one pin of <see cref="Get"/> or <see cref="TryGet"/>.</summary>
    public void Unpin(string key)
    {
        lock (_gate)
        {
            _memory.Unpin(key);
            if (_pinnedValues.TryGetValue(key, out List<object?>? held))
            {
                object? value = held[^1];
                held.RemoveAt(held.Count - 1);
                if (held.Count == 0)
                {
                    _pinnedValues.Remove(key);
                }

                Unhold(value);
            }
        }
    }

    /// <summary>Pins the key against spilling and holds its value: a release while it is read (a task, a transfer) returns the buffer only after the last unpin.</summary>
    private void PinLocked(string key, object? value)
    {
        _memory.Pin(key);
        Hold(value);
        if (!_pinnedValues.TryGetValue(key, out List<object?>? held))
        {
            held = [];
            _pinnedValues[key] = held;
        }

        held.Add(value);
    }

    /// <summary>Stores a result, then spills others if managed memory passed the target.</summary>
    /// <param name="key">Task key.</param>
    /// <param name="value">The result.</param>
    /// <param name="nbytes">Its size by <see cref="DataSize.Of"/>.</param>
    /// <param name="loader">Decodes it if it is spilled and read back; default <see cref="CodeLoader.Default"/>.</param>
    public void Put(string key, object? value, long nbytes, CodeLoader? loader = null)
    {
        lock (_gate)
        {
            RemoveLocked(key);
            _values[key] = value;
            _sizes[key] = nbytes;
            if (loader is not null)
            {
                _loaders[key] = loader;
            }

            _memory.Add(key, nbytes);
            Hold(value);
        }

        SpillToTarget();
    }

    /// <summary>Drops a result (and its spill file).</summary>
    public void Release(string key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    /// <summary>Drops every result and deletes the spill directory.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (string k in _sizes.Keys.ToList())
            {
                RemoveLocked(k);
            }
        }

        _spill?.DeleteAll();
    }

    /// <summary>Deletes the spill directory (the process is about to exit; values in memory are left alone).</summary>
    public void DeleteSpillFiles() => _spill?.DeleteAll();

    /// <summary>Spills least-recently-used unpinned results until managed memory is under the target.</summary>
    public void SpillToTarget()
    {
        if (_spill is null)
        {
            return;
        }

        IReadOnlyList<string> keys;
        lock (_gate)
        {
            keys = _memory.SpillForTarget();
        }

        Spill(keys);
    }

    /// <summary>Spills what a task expected to need <paramref name="needed"/> more bytes requires (<see cref="WorkerMemoryManager.SpillForHeadroom"/>).</summary>
    /// <returns>Bytes spilled.</returns>
    public long MakeHeadroom(long processBytes, long needed)
    {
        if (_spill is null)
        {
            return 0;
        }

        IReadOnlyList<string> keys;
        lock (_gate)
        {
            keys = _memory.SpillForHeadroom(processBytes, needed);
        }

        long before = SpilledBytes;
        Spill(keys);
        return SpilledBytes - before;
    }

    /// <summary>The memory monitor's check: spills as a process-memory reading requires and returns what else to do.</summary>
    /// <param name="processBytes">Resident memory of the process.</param>
    public MemoryAction CheckProcessMemory(long processBytes)
    {
        MemoryCheck check;
        lock (_gate)
        {
            check = _memory.Check(processBytes);
        }

        if (_spill is not null)
        {
            Spill(check.Spill);
        }

        return check.Action;
    }

    private void Spill(IReadOnlyList<string> keys)
    {
        foreach (string key in keys)
        {
            object? value;
            lock (_gate)
            {
                if (!_values.TryGetValue(key, out value) || !_memory.BeginSpill(key))
                {
                    continue;
                }

                // Held while it is written: a release meanwhile must not return its buffer to the pool under the writer.
                Hold(value);
            }

            string? path = null;
            try
            {
                path = _spill!.Write(value, _shipper);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not IOException)
            {
                // Cannot be encoded (a thread, a handle …): it stays in memory.
                lock (_gate)
                {
                    _memory.MarkUnspillable(key);
                }
            }
            catch (IOException)
            {
                // Disk full or gone: keep the value in memory, try again later.
            }

            lock (_gate)
            {
                bool still = path is not null && _values.TryGetValue(key, out object? now) && ReferenceEquals(now, value) && _memory.IsSpillable(key);
                _memory.EndSpill(key, still);
                if (still)
                {
                    _values.Remove(key);
                    _files[key] = path!;
                    Unhold(value);
                    Interlocked.Increment(ref _spillWrites);
                }
                else if (path is not null)
                {
                    SpillFiles.Delete(path);
                }

                Unhold(value);
            }
        }
    }

    private void Hold(object? value)
    {
        if (value is not null)
        {
            _holders[value] = _holders.GetValueOrDefault(value) + 1;
        }
    }

    private object? LoadLocked(string key)
    {
        if (_values.TryGetValue(key, out object? v))
        {
            _memory.Touch(key);
            return v;
        }

        string path = _files[key];
        CodeLoader loader = _loaders.GetValueOrDefault(key) ?? CodeLoader.Default;
        v = SpillFiles.Read(path, loader);
        _files.Remove(key);
        SpillFiles.Delete(path);
        _values[key] = v;
        Hold(v);

        _memory.Loaded(key);
        return v;
    }

    private void RemoveLocked(string key)
    {
        if (!_sizes.Remove(key))
        {
            return;
        }

        _memory.Remove(key);
        _loaders.Remove(key);
        if (_values.Remove(key, out object? v))
        {
            Unhold(v);
        }

        if (_files.Remove(key, out string? path))
        {
            SpillFiles.Delete(path);
        }
    }

    private void Unhold(object? value)
    {
        if (value is null)
        {
            return;
        }

        int n = _holders[value] - 1;
        if (n > 0)
        {
            _holders[value] = n;
            return;
        }

        _holders.Remove(value);
        if (value is IReleasableResult r)
        {
            r.ReleaseResult();
        }
    }

    public override string ToString() => $"WorkerStore({Count} keys, {NBytes} bytes in memory, {SpilledBytes} bytes spilled)";
}
