using System.Collections.Concurrent;
using Tessera.IO.Stores;

namespace Tessera.IO.Tests.Stores;

/// <summary>A directory store that records every key it reads (to show which chunk files a computation opens).</summary>
internal sealed class CountingStore(string path) : IStore
{
    private readonly DirectoryStore _inner = new(path);

    public ConcurrentBag<string> Reads { get; } = [];

    /// <summary>The distinct chunk keys read (metadata files left out).</summary>
    public string[] ChunkReads => [.. Reads.Where(k => !k.Split('/')[^1].StartsWith('.') && !k.EndsWith("zarr.json", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];

    public bool IsReadOnly => _inner.IsReadOnly;

    public string Location => _inner.Location;

    public bool Exists(string key) => _inner.Exists(key);

    public byte[]? Get(string key)
    {
        Reads.Add(key);
        return _inner.Get(key);
    }

    public long ReadExact(string key, Span<byte> destination)
    {
        Reads.Add(key);
        return _inner.ReadExact(key, destination);
    }

    public byte[]? ReadPooled(string key, out int length)
    {
        Reads.Add(key);
        return _inner.ReadPooled(key, out length);
    }

    /// <summary>The partial reads: key, first byte, byte count.</summary>
    public ConcurrentBag<(string Key, long Offset, int Length)> Ranges { get; } = [];

    public long ReadRange(string key, long offset, Span<byte> destination)
    {
        Reads.Add(key);
        Ranges.Add((key, offset, destination.Length));
        return _inner.ReadRange(key, offset, destination);
    }

    public void Set(string key, ReadOnlySpan<byte> value) => _inner.Set(key, value);

    public void Delete(string key) => _inner.Delete(key);

    public void DeletePrefix(string prefix) => _inner.DeletePrefix(prefix);

    public IEnumerable<string> List(string prefix) => _inner.List(prefix);
}
