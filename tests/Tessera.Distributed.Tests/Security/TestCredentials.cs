using System.Security.Cryptography.X509Certificates;

namespace Tessera.Distributed.Tests.Tls;

/// <summary>A certificate authority whose key the test keeps, to issue valid, expired and foreign certificates as PEM text.</summary>
internal sealed class TestCredentials : IDisposable
{
    private readonly X509Certificate2 _authority;

    public TestCredentials()
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        _authority = TemporaryCertificates.CreateAuthority("test CA " + Guid.NewGuid().ToString("N")[..6], now.AddDays(-30), now.AddDays(30));
        CaPem = _authority.ExportCertificatePem();
        Valid = Issue(now.AddHours(-1), now.AddDays(1));
    }

    public string CaPem { get; }

    /// <summary>Credentials for every role from this authority.</summary>
    public Distributed.Security Valid { get; }

    /// <summary>A certificate of this authority that expired yesterday, presented as a client's and a worker's.</summary>
    public Distributed.Security Expired()
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        return Issue(now.AddDays(-10), now.AddDays(-1));
    }

    /// <summary>Trusts this authority (so it accepts the real server) but presents a certificate of another one.</summary>
    public Distributed.Security ForeignCertificate()
    {
        Distributed.Security other = Distributed.Security.Temporary();
        return other with { TlsCaFile = CaPem };
    }

    public void Dispose() => _authority.Dispose();

    private Distributed.Security Issue(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using X509Certificate2 leaf = TemporaryCertificates.Issue(_authority, "tessera-test", notBefore, notAfter);
        string cert = leaf.ExportCertificatePem();
        string key = TemporaryCertificates.PrivateKeyPem(leaf);
        return new Distributed.Security
        {
            TlsCaFile = CaPem,
            TlsClientCert = cert,
            TlsClientKey = key,
            TlsSchedulerCert = cert,
            TlsSchedulerKey = key,
            TlsWorkerCert = cert,
            TlsWorkerKey = key,
            RequireEncryption = true,
        };
    }
}

/// <summary>Captures what <see cref="SecurityLog"/> writes while alive.</summary>
internal sealed class CapturedSecurityLog : IDisposable
{
    private readonly TextWriter _previous = SecurityLog.Writer;
    private readonly StringWriter _lines = new();

    public CapturedSecurityLog() => SecurityLog.Writer = TextWriter.Synchronized(_lines);

    public string Text
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToString();
            }
        }
    }

    /// <summary>Waits (bounded) until the log holds <paramref name="text"/>: refusals are logged on the server's own task.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The security log never said '{text}'; it holds:\n{Text}");
            }
        }

        return Text;
    }

    public void Dispose() => SecurityLog.Writer = _previous;
}
