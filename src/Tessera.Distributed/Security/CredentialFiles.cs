using System.Security.Cryptography;
using Tessera.Distributed.Files;

namespace Tessera.Distributed;

/// <summary>
/// A worker's credentials written as PEM files in a new owner-only directory (0700, files 0600), so that worker
/// processes and batch jobs can read them by path (<c>--tls-ca-file --tls-cert --tls-key</c>) without the key ever
/// being world-readable or on a command line. Disposing deletes the directory; so does the end of this process.
/// </summary>
public sealed class CredentialFiles : IDisposable
{
    private int _disposed;

    private readonly string _root;
    private readonly string _id;

    private CredentialFiles(string root, string id)
    {
        _root = root;
        _id = id;
        string directory = Path.Combine(root, id);
        Directory = directory;
        CaFile = Path.Combine(directory, "ca.pem");
        CertFile = Path.Combine(directory, "worker.pem");
        KeyFile = Path.Combine(directory, "worker.key");
    }

    /// <summary>The default parent of credential directories: <c>~/.tessera/credentials</c> (on a file system that batch jobs usually share).</summary>
    public static string DefaultRoot => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".tessera", "credentials");

    /// <summary>The directory holding the files (deleted on dispose).</summary>
    public string Directory { get; }

    /// <summary>The certificate authority, PEM.</summary>
    public string CaFile { get; }

    /// <summary>The workers' certificate, PEM.</summary>
    public string CertFile { get; }

    /// <summary>The workers' private key, PEM.</summary>
    public string KeyFile { get; }

    /// <summary>The same credentials by path, as a worker process receives them.</summary>
    public Security Security => Security.FromFiles(CaFile, CertFile, KeyFile);

    /// <summary>Names a new directory under <paramref name="root"/> (nothing is written yet): its paths can go into a job script before <see cref="Write"/>.</summary>
    /// <param name="root">Parent directory; default <see cref="DefaultRoot"/>. Environment variables and a leading <c>~</c> are expanded.</param>
    /// <returns>The planned files.</returns>
    public static CredentialFiles Plan(string? root = null)
    {
        string parent = Expand(root ?? DefaultRoot);
        return new CredentialFiles(Path.GetFullPath(parent), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
    }

    /// <summary>Creates the directory (0700, parents too) and writes the worker credentials of <paramref name="security"/> into it (0600).</summary>
    /// <param name="security">Credentials with TLS on.</param>
    /// <exception cref="ArgumentException">Security is off, or its fields cannot be read.</exception>
    /// <exception cref="IOException">The directory exists already, or is not private (a link, another user's: <see cref="PrivateDirectoryException"/>).</exception>
    public void Write(Security security)
    {
        ArgumentNullException.ThrowIfNull(security);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!security.IsEnabled || security.TlsWorkerCert is null || security.TlsWorkerKey is null)
        {
            throw new ArgumentException("CredentialFiles.Write: the security has no worker certificate and key to write.", nameof(security));
        }

        if (System.IO.Directory.Exists(Directory))
        {
            throw new IOException($"{Directory} exists already; credentials go into a new directory.");
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnProcessExit;

        // The root may be shared (a project directory); ~/.tessera/credentials is made private too. The directory itself is always 0700 and ours.
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        _ = _root == Path.GetFullPath(DefaultRoot) ? PrivateDirectory.Under(home, ".tessera", "credentials", _id) : PrivateDirectory.Under(_root, _id);
        OwnerOnly.WriteNewFile(CaFile, Text(security.TlsCaFile!));
        OwnerOnly.WriteNewFile(CertFile, Text(security.TlsWorkerCert));
        OwnerOnly.WriteNewFile(KeyFile, Text(security.TlsWorkerKey));
    }

    /// <summary>Deletes the directory and its files.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            AppDomain.CurrentDomain.UnhandledException -= OnProcessExit;
            OwnerOnly.DeleteDirectory(Directory);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private static string Text(string value) => TlsCredentials.IsPemText(value) ? value : File.ReadAllText(value);

    private static string Expand(string path)
    {
        string expanded = Environment.ExpandEnvironmentVariables(path);
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            expanded = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + expanded[1..];
        }

        return expanded;
    }
}
