using System.Runtime.InteropServices;

namespace Tessera;

/// <summary>libc entry points used to advise the kernel about big chunk buffers.</summary>
internal static partial class NativeMethods
{
    /// <summary>Linux <c>MADV_HUGEPAGE</c>: back the range with transparent huge pages when possible.</summary>
    private const int MadvHugePage = 14;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);

    private static int s_madviseBroken = Environment.GetEnvironmentVariable("TESSERA_HUGEPAGES") == "0" ? 1 : 0;

    /// <summary>Asks for transparent huge pages on a 2 MiB aligned range; failures are ignored.</summary>
    public static unsafe void AdviseHugePages(void* address, long length)
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref s_madviseBroken) != 0)
        {
            return;
        }

        try
        {
            _ = Madvise(address, (nuint)length, MadvHugePage);
        }
        catch (DllNotFoundException)
        {
            Volatile.Write(ref s_madviseBroken, 1);
        }
        catch (EntryPointNotFoundException)
        {
            Volatile.Write(ref s_madviseBroken, 1);
        }
    }
}
