namespace Tessera.Distributed.DataPlane;

/// <summary>What follows a found key's header in a response.</summary>
internal enum WireKind : byte
{
    /// <summary>An NDArray whose C-order bytes follow on the socket.</summary>
    Array = 1,

    /// <summary>A constant NDArray: one element stands for the whole shape.</summary>
    Constant = 2,

    /// <summary>Any other value: the bytes its encoder produced.</summary>
    Other = 3,

    /// <summary>An NDArray whose bytes wait in a shared-memory file (same host only).</summary>
    SharedMemoryArray = 4,

    /// <summary>
    /// An NDArray the client copies straight out of the server process (same host): pid and address follow; the client
    /// answers one byte, 1 = copied, 0 = could not (the server then sends the bytes on the socket).
    /// </summary>
    ProcessMemoryArray = 5,
}
