namespace Tessera.Distributed;

/// <summary>Values a client persisted on the cluster; released when disposed or collected.</summary>
internal sealed class ClientHeldKeys : HeldKeys
{
    private readonly Client _client;
    private readonly string[] _wireKeys;
    private int _released;

    public ClientHeldKeys(Client client, IReadOnlyList<Key> keys, string[] wireKeys)
        : base(client, [.. keys])
    {
        _client = client;
        _wireKeys = wireKeys;
    }

    /// <summary>Cancels the keys' computation and releases them.</summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _client.Drop(_wireKeys, cancel: true);
        }
    }

    ~ClientHeldKeys() => Dispose(disposing: false);

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            // From the finalizer too: Drop only takes the client's lock and queues a message (a closed client sends nothing).
            _client.Drop(_wireKeys);
        }
    }
}
