namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Bounds on what a worker's data server accepts from a peer. A request beyond them ends that peer's connection
/// (logged with its address); the server goes on serving everyone else.
/// </summary>
public sealed record DataPlaneLimits
{
    /// <summary>Most connections the data server holds at once; further ones are closed as soon as they are accepted.</summary>
    /// <value>Default null: 4,096, or the process's open-file limit less 128 when that is lower.</value>
    public int? MaxConnections { get; init { if (value is { } v) { ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(MaxConnections)); } field = value; } }

    /// <summary>Most keys in one fetch request; a key may appear only once in a request.</summary>
    /// <value>Default 1,048,576.</value>
    public int MaxKeysPerRequest { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxKeysPerRequest)); field = value; } } = 1 << 20;

    /// <summary>Most bytes of keys in one fetch request (the request itself, not the values it asks for).</summary>
    /// <value>Default 64 MiB.</value>
    public long MaxRequestBytes { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1L << 10, nameof(MaxRequestBytes)); field = value; } } = 64L << 20;

    /// <summary>
    /// How long a request may take to arrive once its first byte has: a peer that stops halfway loses its connection.
    /// Idle connections between requests are kept (peers pool them) and only bounded by <see cref="MaxConnections"/>.
    /// </summary>
    /// <value>Default 30 s.</value>
    public TimeSpan RequestTimeout { get; init { ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(RequestTimeout)); field = value; } } = TimeSpan.FromSeconds(30);

    /// <summary>Most bytes of shared-memory copies (<c>/dev/shm</c>) that one connection may hold at once.</summary>
    /// <value>Default 64 GiB; a request over this takes the socket path for the rest of its values.</value>
    public long MaxSharedMemoryBytesPerConnection { get; init { ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxSharedMemoryBytesPerConnection)); field = value; } } = 64L << 30;
}
