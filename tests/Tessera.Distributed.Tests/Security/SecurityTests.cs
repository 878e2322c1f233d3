namespace Tessera.Distributed.Tests.Tls;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecurityTests
{
    [Fact]
    public void TemporaryCredentialsValidateAgainstTheirOwnAuthorityOnly()
    {
        Distributed.Security a = Distributed.Security.Temporary();
        Distributed.Security b = Distributed.Security.Temporary();
        Assert.True(a.IsEnabled && a.RequireEncryption && a.IsInMemory);
        TlsCredentials ca = a.For(TlsRole.Scheduler)!;
        Assert.True(ca.Validate(a.For(TlsRole.Client)!.Certificate, out _));
        Assert.False(ca.Validate(b.For(TlsRole.Client)!.Certificate, out string reason));
        Assert.Contains("not signed by this cluster's certificate authority", reason, StringComparison.Ordinal);
        Assert.False(ca.Validate(null, out reason));
        Assert.Contains("no certificate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpiredCertificateOfTheRightAuthorityIsRefused()
    {
        using var creds = new TestCredentials();
        TlsCredentials server = creds.Valid.For(TlsRole.Scheduler)!;
        Assert.True(server.Validate(creds.Valid.For(TlsRole.Client)!.Certificate, out _));
        Assert.False(server.Validate(creds.Expired().For(TlsRole.Client)!.Certificate, out string reason));
        Assert.Contains("expired", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReprAndErrorsNeverShowKeyMaterial()
    {
        Distributed.Security t = Distributed.Security.Temporary();
        string repr = t.ToString();
        Assert.Contains("Temporary (In-memory)", repr, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", repr, StringComparison.Ordinal);
        Assert.Equal("Security(None)", Distributed.Security.None.ToString());

        var e = Assert.Throws<InvalidOperationException>(() => t.WorkerArguments());
        Assert.Contains("CredentialFiles", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", e.Message, StringComparison.Ordinal);

        var broken = t with { TlsWorkerKey = Distributed.Security.Temporary().TlsWorkerKey };
        var mismatch = Assert.Throws<ArgumentException>(() => broken.For(TlsRole.Worker));
        Assert.Contains("TlsWorkerCert", mismatch.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", mismatch.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<ArgumentException>(() => Distributed.Security.FromFiles("/nonexistent/ca.pem", "/nonexistent/c.pem", "/nonexistent/k.pem").For(TlsRole.Worker));
        Assert.Contains("/nonexistent/ca.pem", missing.Message, StringComparison.Ordinal);
        Assert.Contains("TlsCaFile", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressSchemesMustFitTheCredentials()
    {
        Assert.Throws<ArgumentException>(() => Distributed.Security.None.CheckAddress("tls://127.0.0.1:1", "x"));
        Assert.Throws<ArgumentException>(() => Distributed.Security.Temporary().CheckAddress("tcp://127.0.0.1:1", "x"));
        Distributed.Security.Temporary().CheckAddress("tls://127.0.0.1:1", "x");
        Distributed.Security.None.CheckAddress("tcp://127.0.0.1:1", "x");
    }

    [Fact]
    public void CredentialFilesAreOwnerOnlyReferencedByPathAndDeleted()
    {
        string root = Path.Combine(Path.GetTempPath(), "tessera-cred-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Distributed.Security t = Distributed.Security.Temporary();
            var files = CredentialFiles.Plan(root);
            Assert.False(Directory.Exists(files.Directory));
            files.Write(t);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(files.Directory));
            foreach (string f in new[] { files.CaFile, files.CertFile, files.KeyFile })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f));
            }

            Assert.Equal(["--tls-ca-file", files.CaFile, "--tls-cert", files.CertFile, "--tls-key", files.KeyFile], files.Security.WorkerArguments());
            TlsCredentials fromFiles = files.Security.For(TlsRole.Worker)!;
            Assert.True(t.For(TlsRole.Scheduler)!.Validate(fromFiles.Certificate, out _));
            files.Dispose();
            Assert.False(Directory.Exists(files.Directory));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public void SchedulerFileRoundTripsOwnerOnly()
    {
        string path = Path.Combine(Path.GetTempPath(), "tessera-sf-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            Distributed.Security t = Distributed.Security.Temporary();
            SchedulerFile.Write(path, "tls://127.0.0.1:8786", t);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            (string address, Distributed.Security? back) = SchedulerFile.Read(path);
            Assert.Equal("tls://127.0.0.1:8786", address);
            Assert.NotNull(back);
            Assert.True(t.For(TlsRole.Scheduler)!.Validate(back.For(TlsRole.Worker)!.Certificate, out _));

            SchedulerFile.Write(path, "tcp://127.0.0.1:8786", Distributed.Security.None);
            Assert.Null(SchedulerFile.Read(path).Security);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SameUserProofAnswersOnlyWithTheKey()
    {
        byte[]? key = SameUserProof.Key;
        Assert.NotNull(key);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SameUserProof.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(SameUserProof.KeyPath)!));
        byte[] server = SameUserProof.NewNonce();
        byte[] client = SameUserProof.NewNonce();
        byte[] answer = SameUserProof.Answer(key, "client", server, client);
        Assert.True(SameUserProof.Check(key, "client", server, client, answer));
        Assert.False(SameUserProof.Check(key, "server", server, client, answer));
        Assert.False(SameUserProof.Check(key, "client", SameUserProof.NewNonce(), client, answer));
        Assert.False(SameUserProof.Check(new byte[32], "client", server, client, answer));
    }
}
