using System.Runtime.InteropServices;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Same-host hand-over by reading the server process's memory directly (Linux process_vm_readv): one copy from the
/// server's chunk into the client's pooled buffer, no socket and no intermediate file. The kernel only allows it
/// between processes of the same user (and ptrace policy); when it refuses, the caller falls back to the socket.
/// </summary>
internal static unsafe partial class ProcessMemory
{
    /// <summary>Largest single call (1 GiB) so that iovec lengths and the byte count returned stay in range.</summary>
    private const long MaxCall = 1L << 30;

    /// <summary>Whether the API exists here (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="remoteAddress"/> in process <paramref name="pid"/> to <paramref name="destination"/>.</summary>
    /// <returns>False when the kernel refuses (permissions, the process is gone); the destination content is then undefined.</returns>
    public static bool TryRead(int pid, long remoteAddress, nint destination, long length)
    {
        if (!Supported)
        {
            return false;
        }

        for (long done = 0; done < length;)
        {
            var piece = Math.Min(MaxCall, length - done);
            var local = new IoVec { Base = destination + (nint)done, Length = (nuint)piece };
            var remote = new IoVec { Base = (nint)(remoteAddress + done), Length = (nuint)piece };
            var n = ProcessVmReadv(pid, &local, 1, &remote, 1, 0);
            if (n <= 0)
            {
                return false;
            }

            done += n;
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static partial nint ProcessVmReadv(int pid, IoVec* localIov, nuint localCount, IoVec* remoteIov, nuint remoteCount, nuint flags);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public nint Base;
        public nuint Length;
    }
}
