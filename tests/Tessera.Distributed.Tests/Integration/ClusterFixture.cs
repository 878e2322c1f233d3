
namespace Tessera.Distributed.Tests.Integration;

/// <summary>A real LocalCluster of two workers on 127.0.0.1 and a client, shared by a test class.</summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    protected ClusterFixture(bool processes) => Processes = processes;

    public bool Processes { get; }

    public LocalCluster Cluster { get; private set; } = null!;

    public Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = new LocalCluster(new LocalClusterOptions
        {
            NWorkers = 2,
            ThreadsPerWorker = 1,
            MemoryLimit = "2GiB",
            Processes = Processes,
            LocalDirectory = Path.Combine(Path.GetTempPath(), "tessera-tests-" + Environment.ProcessId),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Client = await Client.ConnectAsync(Cluster, new ClientOptions { SetAsDefault = false }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public sealed class ProcessClusterFixture() : ClusterFixture(processes: true);

public sealed class InProcessClusterFixture() : ClusterFixture(processes: false);

[CollectionDefinition("cluster", DisableParallelization = true)]
public sealed class ClusterCollection;
