using System.Collections.Concurrent;
using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

/// <summary>A thread-safe in-memory store; <see cref="OnGet"/> lets a test intervene in a lookup.</summary>
internal sealed class DictionaryStore : IDataStore
{
    public ConcurrentDictionary<string, object?> Values { get; } = new();

    public Action<string>? OnGet { get; set; }

    public bool TryGet(string key, out object? value)
    {
        OnGet?.Invoke(key);
        return Values.TryGetValue(key, out value);
    }
}
