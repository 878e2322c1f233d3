namespace Tessera.Distributed.DataPlane;

/// <summary>
/// The data plane's framing (all integers little-endian).
/// <list type="bullet">
/// <item>With credentials, both ends first complete a mutual TLS handshake (see <see cref="DataPlaneTls"/>).</item>
/// <item>On accept the server sends a hello: magic u32, version u16, host id (i32 length + UTF-8), server nonce (32 bytes).</item>
/// <item>A client on the same host may then prove it runs as the same user (see <see cref="SameUserProof"/>): op u8
/// (<see cref="OpProveSameUser"/>), client nonce (32), its answer (32); the server replies u8 (1 proven, 0 not) and its own
/// answer (32). Same-host flags of later requests are honoured only on a proven connection.</item>
/// <item>A request: op u8 (<see cref="OpFetch"/>), flags u8 (<see cref="FlagSharedMemory"/>), key count i32, keys (i32 length + UTF-8).</item>
/// <item>The response, per key in order: status u8 (<see cref="Missing"/>/<see cref="Found"/>); when found, kind u8
/// (<see cref="WireKind"/>); for arrays dtype u8, ndim u8, ndim × i64 dims, then: Array → i64 byte count + bytes;
/// Constant → i64 item size + one element; SharedMemoryArray → i64 byte count + path (i32 length + UTF-8);
/// ProcessMemoryArray → i64 byte count + pid i32 + address i64, then the client's one-byte answer (1 copied,
/// 0 refused → the bytes follow on the socket as for Array); Other → i64 byte count + the encoder's bytes.</item>
/// </list>
/// </summary>
internal static class WireProtocol
{
    /// <summary>"TSDP" as a little-endian u32.</summary>
    public const uint Magic = 0x50445354;

    /// <summary>Protocol version; a mismatch is refused at the hello.</summary>
    public const ushort Version = 2;

    /// <summary>Request op: fetch a batch of keys.</summary>
    public const byte OpFetch = 1;

    /// <summary>Request op: prove that the client runs on this host as this user.</summary>
    public const byte OpProveSameUser = 2;

    /// <summary>Request flag: the client shares the server's host and accepts shared-memory hand-over.</summary>
    public const byte FlagSharedMemory = 1;

    /// <summary>Request flag: the client shares the server's host and can copy from the server's memory (see <see cref="ProcessMemory"/>).</summary>
    public const byte FlagProcessMemory = 2;

    /// <summary>Status of a key the server does not hold.</summary>
    public const byte Missing = 0;

    /// <summary>Status of a key whose value follows.</summary>
    public const byte Found = 1;

    /// <summary>Most dimensions an array may have on the wire.</summary>
    public const int MaxDims = 64;

    /// <summary>Most keys in one request.</summary>
    public const int MaxKeys = 1 << 20;
}
