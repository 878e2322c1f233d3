using System.Runtime.InteropServices;

namespace Tessera;

/// <summary>
/// Anonymous page mappings for big chunk buffers on Linux (mmap, munmap, mremap), so that the pool can cut a cached
/// buffer into smaller ones and join cached buffers into a bigger one by moving their pages instead of mapping fresh
/// ones. Every range is 2 MiB aligned and a multiple of 2 MiB, so transparent huge pages survive the moves.
/// </summary>
internal static unsafe partial class PageMappings
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 1 | 2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private const int MapNoReserve = 0x4000;
    private const int MremapMayMoveFixed = 1 | 2;
    private const long Align = ChunkPool.HugePageSize;

    /// <summary>
    /// Gets a value indicating whether mappings are used: on Linux, unless <c>TESSERA_PAGE_MOVES=0</c>, and once a probe
    /// mapping worked. Decided once, before any buffer exists, so a buffer is always freed the way it was allocated.
    /// </summary>
    public static bool Available { get; } = Probe();

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "mremap", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint Mremap(nint oldAddress, nuint oldSize, nuint newSize, int flags, nint newAddress);

    /// <summary>Maps <paramref name="length"/> bytes (a multiple of 2 MiB) of zeroed read-write memory at a 2 MiB boundary.</summary>
    /// <returns>The address, or 0 when the kernel refused (out of memory).</returns>
    public static nint Map(long length) => MapAligned(length, ProtReadWrite, 0);

    /// <summary>Reserves <paramref name="length"/> bytes of address space (no access, no memory) at a 2 MiB boundary, for <see cref="Move"/> to fill.</summary>
    /// <returns>The address, or 0 when refused.</returns>
    public static nint Reserve(long length) => MapAligned(length, ProtNone, MapNoReserve);

    /// <summary>Unmaps a range (or part of one) returned by <see cref="Map"/>, <see cref="Reserve"/> or <see cref="Move"/>.</summary>
    public static void Unmap(nint address, long length)
    {
        if (Munmap(address, (nuint)length) != 0)
        {
            throw new InvalidOperationException($"munmap of {length} bytes failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Moves the pages of <c>[from, from + length)</c> to <c>[to, to + length)</c> without copying; the source range is unmapped.</summary>
    /// <returns>Whether the kernel moved them.</returns>
    public static bool Move(nint from, long length, nint to) =>
        Mremap(from, (nuint)length, (nuint)length, MremapMayMoveFixed, to) == to;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("TESSERA_PAGE_MOVES") == "0")
        {
            return false;
        }

        try
        {
            nint probe = Mmap(0, (nuint)Align, ProtNone, MapPrivateAnonymous | MapNoReserve, -1, 0);
            return probe != -1 && Munmap(probe, (nuint)Align) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static nint MapAligned(long length, int protection, int extraFlags)
    {
        nint raw = Mmap(0, (nuint)(length + Align), protection, MapPrivateAnonymous | extraFlags, -1, 0);
        if (raw == -1)
        {
            return 0;
        }

        // Trim the slack so the range starts on a 2 MiB boundary.
        long head = (Align - (raw % Align)) % Align;
        if (head > 0)
        {
            Unmap(raw, head);
        }

        long tail = Align - head;
        if (tail > 0)
        {
            Unmap(raw + (nint)head + (nint)length, tail);
        }

        return raw + (nint)head;
    }
}
