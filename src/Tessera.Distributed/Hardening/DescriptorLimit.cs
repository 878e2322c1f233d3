using System.Globalization;

namespace Tessera.Distributed.Hardening;

/// <summary>The process's open-file limit, from which connection limits are derived.</summary>
internal static class DescriptorLimit
{
    /// <summary>
    /// Descriptors kept free, beyond those already open when a server derives its connection limit, for files,
    /// pipes, outgoing connections, assemblies loaded later and the runtime's own needs (the JIT maps new code
    /// through a memory file descriptor: a process out of descriptors dies with "Out of memory").
    /// </summary>
    public const int Reserve = 128;

    /// <summary>The soft limit on open files (<c>ulimit -n</c>), or null when unknown (not Linux, or unlimited).</summary>
    public static long? Soft()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: no derived limit.
        }

        return null;
    }

    /// <summary>
    /// A server's connection limit: <paramref name="configured"/> when given, else <paramref name="cap"/> or the
    /// descriptor limit less the descriptors already open (a .NET process holds each loaded assembly open: ~180
    /// for the scheduler) and <see cref="Reserve"/>, at least 16, whichever is smaller, so a flood of connections
    /// is refused before the process runs out of descriptors.
    /// </summary>
    public static int Connections(int? configured, int cap)
    {
        if (configured is { } c)
        {
            return c;
        }

        long? soft = Soft();
        return soft is { } s ? (int)Math.Clamp(s - Open() - Reserve, 16, cap) : cap;
    }

    /// <summary>The number of descriptors this process holds now (0 when unknown).</summary>
    public static int Open()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
