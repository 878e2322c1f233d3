using Tessera.Distributed;
using Tessera.Jobqueue.Tests.Jobs;

namespace Tessera.Jobqueue.Tests.Clusters;

/// <summary>The temporary credentials a SlurmCluster writes for its jobs: owner-only, referenced by the script, gone at close and on failure.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmCredentialsTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tessera-creds-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private SlurmClusterOptions Options(int jobs) => new()
    {
        NWorkers = jobs,
        Cores = 1,
        Interface = "lo",
        StatusInterval = TimeSpan.FromMilliseconds(50),
        WorkerCommand = "tessera worker",
        CredentialDirectory = _root,
    };

    [Fact]
    public async Task TemporaryCredentials_AreOwnerOnly_ReferencedByTheJobScript_AndDeletedAtClose()
    {
        int id = 100;
        var runner = new FakeCommandRunner((args, _) => args[0] switch
        {
            "sbatch" => (0, Interlocked.Increment(ref id).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", ""),
            "squeue" => (0, "PENDING\n", ""),
            _ => (0, "", ""),
        });
        var cluster = new SlurmCluster(Options(jobs: 1), runner);
        string dir = cluster.CredentialDirectory!;
        Assert.StartsWith(_root, dir, StringComparison.Ordinal);
        await using (cluster)
        {
            await cluster.StartAsync();
            Assert.StartsWith("tls://", cluster.SchedulerAddress, StringComparison.Ordinal);
            Assert.Equal(Private, File.GetUnixFileMode(dir));
            string[] files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["ca.pem", "worker.key", "worker.pem"], files.Select(Path.GetFileName));
            Assert.All(files, static f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
            Assert.Equal(cluster.Security.TlsCaFile, File.ReadAllText(Path.Combine(dir, "ca.pem")));

            string script = runner.Calls.First(static c => c.CommandLine.StartsWith("sbatch", StringComparison.Ordinal)).Input!;
            Assert.Contains($" --tls-ca-file {Path.Combine(dir, "ca.pem")} --tls-cert {Path.Combine(dir, "worker.pem")} --tls-key {Path.Combine(dir, "worker.key")}", script, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN", script, StringComparison.Ordinal);
            Assert.Contains($"tessera worker {cluster.SchedulerAddress} ", script, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(dir), "the credentials outlived the cluster");
    }

    [Fact]
    public async Task TemporaryCredentials_AreDeletedWhenTheProgramFails()
    {
        var runner = new FakeCommandRunner((args, _) => args[0] == "sbatch" ? (1, "", "sbatch: error: invalid partition specified") : (0, "", ""));
        string? dir = null;
        var failure = await Assert.ThrowsAsync<JobQueueCommandException>(async () =>
        {
            await using var cluster = new SlurmCluster(Options(jobs: 1), runner);
            dir = cluster.CredentialDirectory;
            await using Client client = await Client.ConnectAsync(cluster);
        });
        Assert.Contains("invalid partition", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(dir);
        Assert.False(Directory.Exists(dir), "the credentials outlived a failed program");
        Assert.Empty(Directory.GetDirectories(_root));
    }

    [Fact]
    public async Task UserGivenFileCredentialsAreReferencedAsTheyAre_AndNothingIsWritten()
    {
        await using var cluster = new SlurmCluster(Options(jobs: 0) with { Security = Tessera.Distributed.Security.FromFiles("/site/ca.pem", "/site/w.pem", "/site/w.key") });
        Assert.Null(cluster.CredentialDirectory);
        Assert.Contains(" --tls-ca-file /site/ca.pem --tls-cert /site/w.pem --tls-key /site/w.key", cluster.JobScript(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }
}
