namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Who can share memory with whom: two processes may hand data over through /dev/shm only when they run on the
/// same booted kernel (boot id) and see the same mounts (mount namespace), so that a path one writes the other can open.
/// </summary>
internal static class HostIdentity
{
    private static readonly Lazy<string?> CurrentId = new(Compute);

    /// <summary>This process's host id, or null where shared memory is not available (not Linux, no /dev/shm).</summary>
    public static string? Current => CurrentId.Value;

    private static string? Compute()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !Directory.Exists(SharedMemoryFiles.Directory))
            {
                return null;
            }

            var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            // Same mounts: a /dev/shm path means the same file; same pid namespace: a pid means the same process.
            var mounts = new FileInfo("/proc/self/ns/mnt").LinkTarget ?? "";
            var pids = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
            return $"{boot}/{mounts}/{pids}";
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
