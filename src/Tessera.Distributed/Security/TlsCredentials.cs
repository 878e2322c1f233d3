using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tessera.Distributed;

/// <summary>
/// One role's loaded credentials: its certificate with key, and the authority every peer must chain to. Makes the
/// TLS options of both ends (gRPC and the data plane) and validates peers against the authority alone, never
/// against the system store; host names are not checked (peers are addressed by IP; the authority is the cluster's own).
/// </summary>
internal sealed class TlsCredentials
{
    private readonly X509Certificate2 _authority;

    private TlsCredentials(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        _authority = authority;
        Context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as TLS presents it.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>Whether <paramref name="value"/> is PEM text rather than a path.</summary>
    public static bool IsPemText(string value) => value.Contains("-----BEGIN", StringComparison.Ordinal);

    /// <summary>Loads <paramref name="role"/>'s credentials, or returns null when <paramref name="security"/> is off.</summary>
    /// <exception cref="ArgumentException">A field is missing, a file unreadable or not PEM; the message names the field and file, never their content.</exception>
    public static TlsCredentials? Load(Security security, TlsRole role)
    {
        if (!security.IsEnabled)
        {
            return null;
        }

        (string certField, string? cert, string keyField, string? key) = role switch
        {
            TlsRole.Client => (nameof(Security.TlsClientCert), security.TlsClientCert, nameof(Security.TlsClientKey), security.TlsClientKey),
            TlsRole.Scheduler => (nameof(Security.TlsSchedulerCert), security.TlsSchedulerCert, nameof(Security.TlsSchedulerKey), security.TlsSchedulerKey),
            _ => (nameof(Security.TlsWorkerCert), security.TlsWorkerCert, nameof(Security.TlsWorkerKey), security.TlsWorkerKey),
        };
        if (cert is null || key is null)
        {
            throw new ArgumentException($"Security: {(cert is null ? certField : keyField)} is not set, but a {role.ToString().ToLowerInvariant()} needs a certificate and key signed by the cluster's CA (--tls-cert and --tls-key on the command line).");
        }

        string caPem = Read(security.TlsCaFile!, nameof(Security.TlsCaFile));
        string certPem = Read(cert, certField);
        string keyPem = Read(key, keyField);
        X509Certificate2 authority;
        X509Certificate2 loaded;
        try
        {
            authority = X509Certificate2.CreateFromPem(caPem);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"Security: {nameof(Security.TlsCaFile)} {Describe(security.TlsCaFile!)} holds no readable PEM certificate ({e.Message}).", e);
        }

        try
        {
            using X509Certificate2 ephemeral = X509Certificate2.CreateFromPem(certPem, keyPem);

            // A PEM key is ephemeral; TLS on some platforms needs it in a key store, which a PKCS#12 round trip gives.
            loaded = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"Security: {certField} {Describe(cert)} and {keyField} {Describe(key)} are not a PEM certificate and its matching private key ({e.Message}).", e);
        }

        return new TlsCredentials(loaded, authority);
    }

    /// <summary>
    /// Whether <paramref name="presented"/> chains to the authority and is valid now; <paramref name="reason"/> says
    /// why not (no certificate, another authority, expired), without key material.
    /// </summary>
    public bool Validate(X509Certificate? presented, out string reason)
    {
        if (presented is null)
        {
            reason = "it presented no certificate";
            return false;
        }

        X509Certificate2 cert = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        try
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            bool ok = chain.Build(cert)
                && chain.ChainElements.Count > 0
                && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span);
            reason = ok ? "" : "its certificate (subject '" + cert.Subject + "') " + Explain(chain);
            return ok;
        }
        finally
        {
            if (!ReferenceEquals(cert, presented))
            {
                cert.Dispose();
            }
        }
    }

    /// <summary>The server end: requires a client certificate from this authority; refusals are logged with <paramref name="peer"/>.</summary>
    public SslServerAuthenticationOptions ServerOptions(EndPoint? peer, string server, IReadOnlyList<SslApplicationProtocol>? protocols = null) => new()
    {
        ServerCertificateContext = Context,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CipherSuitesPolicy = Suites,
        ApplicationProtocols = protocols is null ? null : [.. protocols],
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (Validate(certificate, out string reason))
            {
                return true;
            }

            SecurityLog.Refused(server, peer, reason);
            return false;
        },
    };

    /// <summary>The client end: presents this certificate and accepts only a server certificate from this authority.</summary>
    public SslClientAuthenticationOptions ClientOptions(string target) => new()
    {
        TargetHost = "tessera",
        ClientCertificateContext = Context,
        EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CipherSuitesPolicy = Suites,
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (Validate(certificate, out string reason))
            {
                return true;
            }

            SecurityLog.Write($"refused the server at {target}: {reason}");
            return false;
        },
    };

    /// <summary>AES-GCM first (hardware-accelerated; AES-128 before AES-256 for bulk data), where the platform lets us choose.</summary>
    private static CipherSuitesPolicy? Suites => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
        ? new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384])
        : null;

    private static string Explain(X509Chain chain)
    {
        var status = chain.ChainStatus.Select(static s => s.Status).ToHashSet();
        if (status.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            return "has expired or is not valid yet";
        }

        if (status.Contains(X509ChainStatusFlags.UntrustedRoot) || status.Contains(X509ChainStatusFlags.PartialChain))
        {
            return "is not signed by this cluster's certificate authority";
        }

        string detail = string.Join("; ", chain.ChainStatus.Select(static s => s.StatusInformation.Trim()).Where(static s => s.Length > 0));
        return "did not validate" + (detail.Length > 0 ? ": " + detail : " against this cluster's certificate authority");
    }

    private static string Read(string value, string field)
    {
        if (IsPemText(value))
        {
            return value;
        }

        try
        {
            return File.ReadAllText(value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Security: cannot read {field} '{value}': {e.Message}", e);
        }
    }

    private static string Describe(string value) => IsPemText(value) ? "(in memory)" : "'" + value + "'";
}
