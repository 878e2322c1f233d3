using System.Runtime.InteropServices;

namespace Tessera.Distributed.Memory;

/// <summary>
/// Gives freed memory back to the operating system when a worker's memory runs high (Dask's "unmanaged memory"): the
/// chunk pool's cached free buffers, a compacting full collection for the managed heap (encode buffers of spilled
/// results) and <c>malloc_trim</c> for the native heap on Linux.
/// </summary>
internal static partial class MemoryReclaim
{
    /// <summary>Collects and trims; costs milliseconds, so callers rate-limit it.</summary>
    /// <param name="compact">
    /// Compact the managed heap (default true). False before a terminate decision: a compacting collection of a
    /// large managed array can stall the worker long enough for the scheduler to see it die without its last words.
    /// </param>
    public static void Run(bool compact = true)
    {
        if (compact)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        else
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }

        GC.WaitForPendingFinalizers();

        // Cached free buffers (those the finalizers just returned included): memory nobody uses.
        ChunkPool.Shared.Clear();
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (musl): nothing to trim.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
