namespace Tessera.Distributed.DataPlane;

/// <summary>How a client on the server's own host takes large arrays (values are the request flag bits).</summary>
internal enum SameHostPath : byte
{
    /// <summary>Over the socket, like a remote client.</summary>
    Socket = 0,

    /// <summary>Through a file in /dev/shm (see <see cref="SharedMemoryFiles"/>).</summary>
    SharedMemoryFile = WireProtocol.FlagSharedMemory,

    /// <summary>Copied straight out of the server process (see <see cref="ProcessMemory"/>); falls back to the socket if refused.</summary>
    ProcessMemory = WireProtocol.FlagProcessMemory,
}
