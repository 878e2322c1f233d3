using System.Diagnostics;
using Tessera.Distributed;

namespace Tessera.Cli.Tests.Commands;

/// <summary>Secured `tessera scheduler` / `tessera worker` processes started by hand, through a scheduler file.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecureByHandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tessera-cli-sec-" + Guid.NewGuid().ToString("N")[..8]);

    public SecureByHandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SchedulerFileCarriesTheAddressAndTemporaryCredentials_OwnerOnly_ToWorkersAndClients()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string cli = CliProcess.Dll();
        string file = Path.Combine(_dir, "scheduler.json");
        var processes = new List<Process>();
        try
        {
            Process scheduler = CliProcess.Start(cli, "scheduler", "--port", "0", "--scheduler-file", file);
            processes.Add(scheduler);
            string address = (await CliProcess.ReadUntilAsync(scheduler, "listening at ", timeout.Token)).Split("listening at ")[1].Trim();
            Assert.StartsWith("tls://127.0.0.1:", address, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Contains(address, await File.ReadAllTextAsync(file, timeout.Token), StringComparison.Ordinal);

            Process worker = CliProcess.Start(cli, "worker", "--scheduler-file", file, "--nthreads", "1", "--name", "by-file");
            processes.Add(worker);
            await CliProcess.ReadUntilAsync(worker, " joined " + address, timeout.Token);

            await using Client client = await Client.ConnectAsync(new ClientOptions { SetAsDefault = false }, schedulerFile: file, cancellationToken: timeout.Token);
            Assert.Equal(address, client.SchedulerAddress);
            using Future<int> f = client.Submit(static (int x) => x * 2, 21);
            Assert.Equal(42, await f.ResultAsync(timeout.Token));

            // Without the file's credentials nothing gets in: the address alone is refused by the client library,
            // and a worker with another authority's certificate is refused at the handshake and exits.
            await Assert.ThrowsAsync<ArgumentException>(() => Client.ConnectAsync(address, new ClientOptions { SetAsDefault = false }));
            string[] foreign = WriteForeignCredentials();
            Process intruder = CliProcess.Start(cli, "worker", address, "--tls-ca-file", foreign[0], "--tls-cert", foreign[1], "--tls-key", foreign[2], "--death-timeout", "3s", "--name", "intruder");
            processes.Add(intruder);
            await intruder.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, intruder.ExitCode);
            Assert.Single(client.Workers);
        }
        finally
        {
            foreach (Process p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                await p.WaitForExitAsync(CancellationToken.None);
                p.Dispose();
            }
        }
    }

    [Fact]
    public async Task SchedulerWithoutCredentialsRefusesANonLoopbackAddressUnlessNoSecurity()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using Process refused = CliProcess.Start(CliProcess.Dll(), "scheduler", "--host", "10.255.255.1", "--port", "0");
        string error = await refused.StandardError.ReadToEndAsync(timeout.Token);
        await refused.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refusing to listen on 10.255.255.1 without credentials", error, StringComparison.Ordinal);
        Assert.Contains("--no-security", error, StringComparison.Ordinal);
        Assert.Contains("--scheduler-file", error, StringComparison.Ordinal);

        using Process partial = CliProcess.Start(CliProcess.Dll(), "scheduler", "--port", "0", "--tls-ca-file", "/nonexistent.pem");
        string partialError = await partial.StandardError.ReadToEndAsync(timeout.Token);
        await partial.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, partial.ExitCode);
        Assert.Contains("go together", partialError, StringComparison.Ordinal);
    }

    private string[] WriteForeignCredentials()
    {
        Security other = Security.Temporary();
        string ca = Path.Combine(_dir, "ca.pem");
        string cert = Path.Combine(_dir, "cert.pem");
        string key = Path.Combine(_dir, "key.pem");
        File.WriteAllText(ca, other.TlsCaFile);
        File.WriteAllText(cert, other.TlsWorkerCert);
        File.WriteAllText(key, other.TlsWorkerKey);
        return [ca, cert, key];
    }
}
