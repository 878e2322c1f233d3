using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Distributed;

/// <summary>
/// Dask's scheduler file: a JSON file with the scheduler's address (<c>tessera scheduler --scheduler-file</c> writes it,
/// <c>tessera worker --scheduler-file</c> and <c>Client.ConnectAsync(schedulerFile:)</c> read it). With temporary
/// credentials it also holds them (PEM), so the file is written owner-only (0600) from its creation.
/// </summary>
internal static class SchedulerFile
{
    /// <summary>Writes (atomically replaces) the file.</summary>
    /// <param name="path">Where.</param>
    /// <param name="address">The scheduler's address.</param>
    /// <param name="security">The scheduler's credentials: written into the file only when temporary (in memory).</param>
    public static void Write(string path, string address, Security security)
    {
        var json = new JsonObject { ["type"] = "Scheduler", ["address"] = address };
        if (security.IsEnabled && security.IsTemporary)
        {
            json["tls"] = new JsonObject
            {
                ["ca"] = security.TlsCaFile,
                ["cert"] = security.TlsClientCert,
                ["key"] = security.TlsClientKey,
            };
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        OwnerOnly.ReplaceFile(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads the address and, when the file carries them, the credentials (else null).</summary>
    /// <exception cref="ArgumentException">The file is unreadable or not a scheduler file; the message names it.</exception>
    public static (string Address, Security? Security) Read(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"Cannot read the scheduler file '{path}': {e.Message}", nameof(path), e);
        }

        string address = node?["address"]?.GetValue<string>() is { Length: > 0 } a ? a
            : throw new ArgumentException($"The scheduler file '{path}' has no \"address\".", nameof(path));
        if (node!["tls"] is not JsonObject tls)
        {
            return (address, null);
        }

        string Field(string name) => tls[name]?.GetValue<string>() is { } v && TlsCredentials.IsPemText(v) ? v
            : throw new ArgumentException($"The scheduler file '{path}' has no PEM \"tls.{name}\".", nameof(path));
        string ca = Field("ca");
        string cert = Field("cert");
        string key = Field("key");
        return (address, new Security
        {
            TlsCaFile = ca,
            TlsClientCert = cert,
            TlsClientKey = key,
            TlsSchedulerCert = cert,
            TlsSchedulerKey = key,
            TlsWorkerCert = cert,
            TlsWorkerKey = key,
            RequireEncryption = true,
            IsTemporary = true,
        });
    }

    /// <summary>Waits until the file exists (a scheduler started at the same time writes it shortly).</summary>
    /// <exception cref="TimeoutException">It did not appear within <paramref name="timeout"/>; the message names it.</exception>
    public static async Task WaitAsync(string path, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        long start = time.GetTimestamp();
        while (!File.Exists(path))
        {
            if (time.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"The scheduler file '{path}' did not appear within {timeout.TotalSeconds:0.#} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        }
    }
}
