using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// A worker's results by key. The same instance may sit under several keys (identity tasks, aliases),
/// so pooled chunks are released only when the last key holding them goes.
/// </summary>
internal sealed class WorkerStore : IDataStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<object, int> _holders = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    /// <summary>Bytes held, by <see cref="DataSize.Of"/>.</summary>
    public long NBytes { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public bool TryGet(string key, out object? value)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out value);
        }
    }

    public object? Get(string key)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out object? v) ? v : throw new KeyNotFoundException($"Key {Protocol.KeyCodec.Display(key)} is not on this worker.");
        }
    }

    public void Put(string key, object? value, long nbytes)
    {
        lock (_gate)
        {
            if (_values.Remove(key, out object? old))
            {
                Unhold(old);
                NBytes -= _sizes[key];
            }

            _values[key] = value;
            _sizes[key] = nbytes;
            NBytes += nbytes;
            if (value is not null)
            {
                _holders[value] = _holders.GetValueOrDefault(value) + 1;
            }
        }
    }

    public void Release(string key)
    {
        lock (_gate)
        {
            if (_values.Remove(key, out object? v))
            {
                NBytes -= _sizes[key];
                _sizes.Remove(key);
                Unhold(v);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (string k in _values.Keys.ToList())
            {
                Release(k);
            }
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

    public override string ToString() => $"WorkerStore({Count} keys, {NBytes} bytes)";
}
