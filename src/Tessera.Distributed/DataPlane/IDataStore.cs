namespace Tessera.Distributed.DataPlane;

/// <summary>The results a worker holds, as its <see cref="DataServer"/> sees them. Implementations are thread-safe.</summary>
internal interface IDataStore
{
    /// <summary>Looks up the result stored under <paramref name="key"/>.</summary>
    /// <param name="key">Task key.</param>
    /// <param name="value">The result when found.</param>
    /// <returns>Whether the key is held.</returns>
    bool TryGet(string key, out object? value);

    /// <summary>The server is done sending the value <see cref="TryGet"/> found (a store may pin it until then).</summary>
    /// <param name="key">Task key.</param>
    void Return(string key)
    {
    }
}
