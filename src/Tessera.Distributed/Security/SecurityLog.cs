using System.Net;

namespace Tessera.Distributed;

/// <summary>Where refused connections are reported: this process's standard error (a worker's lands in its log file).</summary>
internal static class SecurityLog
{
    /// <summary>Receives every line (tests capture it); default standard error.</summary>
    internal static TextWriter Writer { get; set; } = Console.Error;

    /// <summary>Reports a peer refused at the handshake, with its address; never key material.</summary>
    public static void Refused(string server, EndPoint? peer, string reason) =>
        Write($"{server} refused a connection from {peer?.ToString() ?? "an unknown address"} at the TLS handshake: {reason}.");

    /// <summary>Writes one line prefixed with <c>tessera security:</c>.</summary>
    public static void Write(string line)
    {
        try
        {
            Writer.WriteLine("tessera security: " + line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nowhere to report to.
        }
    }
}
