namespace Tessera.Distributed;

/// <summary>
/// The credentials of every connection of a cluster (client ↔ scheduler, worker ↔ scheduler, and the data plane
/// between workers and clients): mutual TLS against one certificate authority, as Dask's <c>distributed.Security</c>.
/// Each certificate or key field holds either a path to a PEM file or the PEM text itself (as in Dask).
/// <code>
/// var security = Security.Temporary();                                   // a CA and a certificate made in memory
/// var mine = new Security { TlsCaFile = "ca.pem", TlsClientCert = "me.pem", TlsClientKey = "me.key" };
/// await using var client = await Client.ConnectAsync("tls://10.0.0.5:8786", new ClientOptions { Security = mine });
/// </code>
/// With credentials every address is <c>tls://host:port</c>; <see cref="None"/> turns security off explicitly
/// (<c>tcp://</c> addresses; a warning is logged when the scheduler is reachable beyond loopback).
/// </summary>
public sealed record Security
{
    private readonly Lazy<TlsCredentials?>[] _loaded;

    /// <summary>Creates a <see cref="Security"/> from the fields set in its initialiser.</summary>
    public Security()
    {
        _loaded = NewCache();
    }

    private Security(Security original)
    {
        TlsCaFile = original.TlsCaFile;
        TlsClientCert = original.TlsClientCert;
        TlsClientKey = original.TlsClientKey;
        TlsSchedulerCert = original.TlsSchedulerCert;
        TlsSchedulerKey = original.TlsSchedulerKey;
        TlsWorkerCert = original.TlsWorkerCert;
        TlsWorkerKey = original.TlsWorkerKey;
        RequireEncryption = original.RequireEncryption;
        IsTemporary = original.IsTemporary;
        _loaded = NewCache();
    }

    /// <summary>No TLS: connections are neither authenticated nor encrypted. Use only where nobody else can connect.</summary>
    public static Security None { get; } = new();

    /// <summary>The certificate authority that every peer's certificate must chain to (path or PEM text).</summary>
    /// <value>Default null: security is off.</value>
    public string? TlsCaFile { get; init; }

    /// <summary>The client's certificate (path or PEM text).</summary>
    /// <value>Default null.</value>
    public string? TlsClientCert { get; init; }

    /// <summary>The client's private key (path or PEM text; PKCS#8, EC or RSA).</summary>
    /// <value>Default null.</value>
    public string? TlsClientKey { get; init; }

    /// <summary>The scheduler's certificate (path or PEM text).</summary>
    /// <value>Default null.</value>
    public string? TlsSchedulerCert { get; init; }

    /// <summary>The scheduler's private key (path or PEM text).</summary>
    /// <value>Default null.</value>
    public string? TlsSchedulerKey { get; init; }

    /// <summary>The workers' certificate (path or PEM text): used to join the scheduler, to serve data and to fetch it from peers.</summary>
    /// <value>Default null.</value>
    public string? TlsWorkerCert { get; init; }

    /// <summary>The workers' private key (path or PEM text).</summary>
    /// <value>Default null.</value>
    public string? TlsWorkerKey { get; init; }

    /// <summary>Whether every connection must be encrypted: a <c>tcp://</c> address is then refused (Dask's <c>require_encryption</c>).</summary>
    /// <value>Default false; true for <see cref="Temporary"/>.</value>
    public bool RequireEncryption { get; init; }

    /// <summary>True when TLS is on (a CA is set).</summary>
    public bool IsEnabled => TlsCaFile is not null;

    /// <summary>Whether the credentials were made in memory by <see cref="Temporary"/> (they then travel as PEM text, never as paths).</summary>
    internal bool IsTemporary { get; init; }

    /// <summary>
    /// Makes a certificate authority and one certificate it signs (ECDSA P-256, valid for a year), in memory, for
    /// every role: what <c>LocalCluster</c> and <c>SlurmCluster</c> use unless told otherwise. The authority's key
    /// is discarded, so nothing else can ever be signed by it.
    /// </summary>
    /// <returns>Credentials with <see cref="RequireEncryption"/> set.</returns>
    public static Security Temporary()
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        using var ca = TemporaryCertificates.CreateAuthority("Tessera temporary CA", now.AddHours(-1), now.AddDays(365));
        using var leaf = TemporaryCertificates.Issue(ca, "tessera", now.AddHours(-1), now.AddDays(365));
        string caPem = ca.ExportCertificatePem();
        string certPem = leaf.ExportCertificatePem();
        string keyPem = TemporaryCertificates.PrivateKeyPem(leaf);
        return new Security
        {
            TlsCaFile = caPem,
            TlsClientCert = certPem,
            TlsClientKey = keyPem,
            TlsSchedulerCert = certPem,
            TlsSchedulerKey = keyPem,
            TlsWorkerCert = certPem,
            TlsWorkerKey = keyPem,
            RequireEncryption = true,
            IsTemporary = true,
        };
    }

    /// <summary>
    /// Credentials from PEM files, one certificate and key for every role (what <c>tessera scheduler</c> and
    /// <c>tessera worker</c> build from <c>--tls-ca-file --tls-cert --tls-key</c>).
    /// </summary>
    /// <param name="caFile">The certificate authority.</param>
    /// <param name="certFile">This process's certificate.</param>
    /// <param name="keyFile">Its private key.</param>
    /// <returns>The credentials, with <see cref="RequireEncryption"/> set.</returns>
    /// <exception cref="ArgumentException">A path is empty.</exception>
    public static Security FromFiles(string caFile, string certFile, string keyFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(certFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFile);
        return new Security
        {
            TlsCaFile = caFile,
            TlsClientCert = certFile,
            TlsClientKey = keyFile,
            TlsSchedulerCert = certFile,
            TlsSchedulerKey = keyFile,
            TlsWorkerCert = certFile,
            TlsWorkerKey = keyFile,
            RequireEncryption = true,
        };
    }

    /// <summary>
    /// The flags that hand the worker credentials to <c>tessera worker</c> by path:
    /// <c>--tls-ca-file CA --tls-cert CERT --tls-key KEY</c>; none when security is off.
    /// </summary>
    /// <returns>The flags and their values, unquoted.</returns>
    /// <exception cref="InvalidOperationException">A field holds PEM text, which must not go on a command line: write it with <see cref="CredentialFiles"/> first.</exception>
    public IReadOnlyList<string> WorkerArguments()
    {
        if (!IsEnabled)
        {
            return [];
        }

        string Path(string? value, string field) => value is null
            ? throw new InvalidOperationException($"Security: {field} is not set; a worker needs a certificate and key.")
            : TlsCredentials.IsPemText(value)
                ? throw new InvalidOperationException($"Security: {field} holds in-memory credentials, which never go on a command line; write them with CredentialFiles and pass its Security.")
                : value;
        return ["--tls-ca-file", Path(TlsCaFile, nameof(TlsCaFile)), "--tls-cert", Path(TlsWorkerCert, nameof(TlsWorkerCert)), "--tls-key", Path(TlsWorkerKey, nameof(TlsWorkerKey))];
    }

    /// <summary>Whether the CA or worker fields hold PEM text rather than paths (so that processes started by path need <see cref="CredentialFiles"/>).</summary>
    public bool IsInMemory => new[] { TlsCaFile, TlsWorkerCert, TlsWorkerKey }.Any(static v => v is not null && TlsCredentials.IsPemText(v));

    /// <summary>What Dask's repr shows, never key material: which fields are set, and whether from files or in memory.</summary>
    /// <returns>E.g. <c>Security(require_encryption=True, tls_ca_file=Temporary (In-memory), …)</c>.</returns>
    public override string ToString()
    {
        if (!IsEnabled)
        {
            return "Security(None)";
        }

        static string Show(string? v) => v is null ? "None" : TlsCredentials.IsPemText(v) ? "Temporary (In-memory)" : "Local (" + v + ")";
        return $"Security(require_encryption={(RequireEncryption ? "True" : "False")}, tls_ca_file={Show(TlsCaFile)}, tls_client_cert={Show(TlsClientCert)}, " +
            $"tls_scheduler_cert={Show(TlsSchedulerCert)}, tls_worker_cert={Show(TlsWorkerCert)})";
    }

    /// <summary>The loaded credentials of a role, or null when security is off.</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, or the role's certificate or key is not set (the message names the field).</exception>
    internal TlsCredentials? For(TlsRole role) => _loaded[(int)role].Value;

    /// <summary>The URI scheme addresses take under these credentials: <c>tls</c> or <c>tcp</c>.</summary>
    internal string Scheme => IsEnabled ? "tls" : "tcp";

    /// <summary>Checks that <paramref name="address"/>'s scheme fits these credentials.</summary>
    /// <exception cref="ArgumentException">A <c>tls://</c> address without credentials, or a <c>tcp://</c> one while encryption is required.</exception>
    internal void CheckAddress(string address, string what)
    {
        bool tls = address.StartsWith("tls://", StringComparison.Ordinal);
        if (tls && !IsEnabled)
        {
            throw new ArgumentException($"{what} {address} requires TLS, but no credentials were given: pass a Security (e.g. the cluster's, or Security.FromFiles(ca, cert, key); --tls-ca-file --tls-cert --tls-key or --scheduler-file on the command line).");
        }

        if (!tls && IsEnabled && RequireEncryption)
        {
            throw new ArgumentException($"{what} {address} is not encrypted (tcp://) but these credentials require encryption: use its tls:// address.");
        }
    }

    private Lazy<TlsCredentials?>[] NewCache() =>
        [.. Enum.GetValues<TlsRole>().Select(r => new Lazy<TlsCredentials?>(() => TlsCredentials.Load(this, r)))];

    /// <inheritdoc/>
    public bool Equals(Security? other) => ReferenceEquals(this, other) || (other is not null
        && TlsCaFile == other.TlsCaFile && TlsClientCert == other.TlsClientCert && TlsClientKey == other.TlsClientKey
        && TlsSchedulerCert == other.TlsSchedulerCert && TlsSchedulerKey == other.TlsSchedulerKey
        && TlsWorkerCert == other.TlsWorkerCert && TlsWorkerKey == other.TlsWorkerKey
        && RequireEncryption == other.RequireEncryption);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TlsCaFile, TlsClientCert, TlsSchedulerCert, TlsWorkerCert, RequireEncryption);
}
