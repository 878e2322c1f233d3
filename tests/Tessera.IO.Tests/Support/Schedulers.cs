using Tessera.Distributed;

namespace Tessera.IO.Tests.Support;

/// <summary>
/// The places a storage round trip must work: the synchronous and threaded schedulers, and a LocalCluster of two
/// worker processes (to which Tessera.Arrays, Tessera.IO and PureHDF ship as user assemblies).
/// </summary>
public sealed class Schedulers : IAsyncLifetime
{
    private LocalCluster? _cluster;
    private Client? _client;

    public async Task InitializeAsync()
    {
        _cluster = new LocalCluster(new LocalClusterOptions
        {
            NWorkers = 2,
            ThreadsPerWorker = 1,
            MemoryLimit = "1GiB",
            Processes = true,
            LocalDirectory = Path.Combine(Path.GetTempPath(), "tessera-io-tests-" + Environment.ProcessId),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _client = await Client.ConnectAsync(_cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>The scheduler named <paramref name="name"/>: "sync", "threads" or "cluster".</summary>
    public IScheduler Get(string name) => name switch
    {
        "sync" => new SynchronousScheduler(),
        "threads" => new ThreadedScheduler(2),
        _ => _client ?? throw new InvalidOperationException("the cluster did not start"),
    };
}
