// The attackers in these tests deliberately trust any server: what is tested is that the server refuses them.
#pragma warning disable CA5359
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Tests.Tls;

/// <summary>Code the cluster runs: a task whose only effect is a file, so a test can tell whether it ran.</summary>
public static class MarkerTasks
{
    public static int WriteMarker(string path)
    {
        File.WriteAllText(path, "ran");
        return 1;
    }
}

/// <summary>
/// A secured LocalCluster of worker processes (real sockets, real TLS): clients and workers with no, foreign or expired
/// credentials are refused at the handshake and logged with their address; their tasks never run; the legitimate client keeps working.
/// </summary>
[Collection("cluster")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecureClusterTests : IAsyncLifetime
{
    private readonly TestCredentials _creds = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tessera-secure-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalCluster _cluster = null!;
    private Client _client = null!;

    private static CancellationToken Ct() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 2, ThreadsPerWorker = 1, MemoryLimit = "1GiB", Security = _creds.Valid, LocalDirectory = _dir });
        _client = await Client.ConnectAsync(_cluster, new ClientOptions { SetAsDefault = false }, Ct());
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
        _creds.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("foreign")]
    [InlineData("expired")]
    public async Task AClientWithBadCredentialsIsRefusedAndItsTaskNeverRuns(string kind)
    {
        using var log = new CapturedSecurityLog();
        Distributed.Security attacker = kind == "foreign" ? _creds.ForeignCertificate() : _creds.Expired();
        string marker = Path.Combine(_dir, "attacker-" + kind);
        Exception e = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using Client bad = await Client.ConnectAsync(_cluster.SchedulerAddress, new ClientOptions { Security = attacker, SetAsDefault = false, ConnectTimeout = TimeSpan.FromSeconds(5) });
            using Future<int> f = bad.Submit(MarkerTasks.WriteMarker, marker);
            await f.ResultAsync(Ct());
        });
        Assert.IsType<SchedulerUnreachableException>(e);
        string text = await log.WaitForAsync("the scheduler refused a connection from 127.0.0.1:", TimeSpan.FromSeconds(20));
        Assert.Contains(kind == "foreign" ? "not signed by this cluster's certificate authority" : "expired", text, StringComparison.Ordinal);

        await AssertTheClusterStillServesAsync();
        Assert.False(File.Exists(marker), "the refused client's task ran");
    }

    [Fact]
    public async Task APeerWithoutAnyCertificateOrWithoutTlsIsRefused()
    {
        using var log = new CapturedSecurityLog();
        var (host, port) = DataClientConnection.ParseAddress(_cluster.SchedulerAddress);

        // TLS, trusting anything, presenting nothing.
        var handler = new SocketsHttpHandler { SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptAnyServer } };
        using (var channel = GrpcChannel.ForAddress($"https://{host}:{port}", new GrpcChannelOptions { HttpHandler = handler }))
        {
            var rpc = new SchedulerRpc.SchedulerRpcClient(channel);
            await Assert.ThrowsAsync<RpcException>(async () => await rpc.IdentityAsync(new IdentityRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));
        }

        await log.WaitForAsync("no certificate", TimeSpan.FromSeconds(20));

        // Plain HTTP/2 to the TLS port.
        using (var plain = GrpcChannel.ForAddress($"http://{host}:{port}"))
        {
            var rpc = new SchedulerRpc.SchedulerRpcClient(plain);
            await Assert.ThrowsAsync<RpcException>(async () => await rpc.IdentityAsync(new IdentityRequest(), deadline: DateTime.UtcNow.AddSeconds(10)));
        }

        // And the client library refuses a tls:// address without credentials before connecting.
        await Assert.ThrowsAsync<ArgumentException>(() => Client.ConnectAsync(_cluster.SchedulerAddress, new ClientOptions { SetAsDefault = false }));
        await AssertTheClusterStillServesAsync();
    }

    [Theory]
    [InlineData("foreign")]
    [InlineData("expired")]
    public async Task AWorkerWithBadCredentialsCannotRegister(string kind)
    {
        using var log = new CapturedSecurityLog();
        Distributed.Security attacker = kind == "foreign" ? _creds.ForeignCertificate() : _creds.Expired();
        await Assert.ThrowsAsync<SchedulerUnreachableException>(() => Worker.StartAsync(new WorkerOptions
        {
            SchedulerAddress = _cluster.SchedulerAddress,
            Security = attacker,
            NThreads = 1 << 20,
            Name = "intruder",
            DeathTimeout = TimeSpan.FromSeconds(5),
            LocalDirectory = _dir,
        }));
        await log.WaitForAsync("the scheduler refused a connection from 127.0.0.1:", TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(_cluster.Workers, static w => w.Name == "intruder");
        Assert.Equal(2, _cluster.Workers.Count);
        await AssertTheClusterStillServesAsync();
    }

    [Fact]
    public async Task ARawDataPlaneFetchWithBadCredentialsGetsNothing()
    {
        using var log = new CapturedSecurityLog();
        using Future<string> secret = _client.Scatter("another client's data");
        Assert.Equal("another client's data", await secret.ResultAsync(Ct()));
        string dataAddress = _cluster.Workers[0].DataAddress;
        Assert.StartsWith("tls://", dataAddress, StringComparison.Ordinal);
        foreach (Distributed.Security attacker in new[] { _creds.ForeignCertificate(), _creds.Expired() })
        {
            await using var thief = new DataClient(TimeSpan.FromSeconds(5), attacker.For(TlsRole.Client));
            foreach (WorkerDescription w in _cluster.Workers)
            {
                await Assert.ThrowsAnyAsync<IOException>(() => thief.FetchAsync(w.DataAddress, [secret.Key], static b => b.ToArray(), Ct()));
            }
        }

        await using var plain = new DataClient(TimeSpan.FromSeconds(5));
        string tcp = "tcp://" + dataAddress["tls://".Length..];
        await Assert.ThrowsAnyAsync<IOException>(() => plain.FetchAsync(tcp, [secret.Key], static b => b.ToArray(), Ct()));
        await AssertTheClusterStillServesAsync();
    }

    [Fact]
    public async Task WorkerProcessesGetTheirCredentialsAsOwnerOnlyFilesDeletedAtClose()
    {
        string? credentials = null;
        await using (var cluster = new LocalCluster(new LocalClusterOptions { NWorkers = 1, ThreadsPerWorker = 1, MemoryLimit = "1GiB", LocalDirectory = _dir }))
        {
            await using Client client = await Client.ConnectAsync(cluster, new ClientOptions { SetAsDefault = false }, Ct());
            Assert.True(cluster.Security.IsEnabled && cluster.Security.IsInMemory);
            Assert.StartsWith("tls://", client.SchedulerAddress, StringComparison.Ordinal);
            credentials = Directory.GetDirectories(CredentialFiles.DefaultRoot)
                .Where(d => File.Exists(Path.Combine(d, "ca.pem")) && File.ReadAllText(Path.Combine(d, "ca.pem")) == cluster.Security.TlsCaFile)
                .Single();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(credentials));
            Assert.All(Directory.GetFiles(credentials), static f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
            using Future<int> f = client.Submit(static (int x) => x + 1, 41);
            Assert.Equal(42, await f.ResultAsync(Ct()));
        }

        Assert.False(Directory.Exists(credentials), "the credentials outlived the cluster");
    }

    private async Task AssertTheClusterStillServesAsync()
    {
        string marker = Path.Combine(_dir, "legit-" + Guid.NewGuid().ToString("N")[..6]);
        using Future<int> f = _client.Submit(MarkerTasks.WriteMarker, marker);
        Assert.Equal(1, await f.ResultAsync(Ct()));
        Assert.True(File.Exists(marker));
        using Future<long> sum = _client.Submit(static (int n) => (long)n * 3, 14);
        Assert.Equal(42L, await sum.ResultAsync(Ct()));
    }

    private static bool AcceptAnyServer(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors) => true;
}
