namespace Tessera.Distributed;

/// <summary>How a client connects.</summary>
public sealed record ClientOptions
{
    /// <summary>How long to wait for the scheduler to answer.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The credentials the client presents to the scheduler and to workers (<see cref="Security.TlsClientCert"/>, <see cref="Security.TlsClientKey"/>).</summary>
    /// <value>Default null: the cluster's own when connecting to a cluster, the scheduler file's when reading one, else <see cref="Security.None"/>.</value>
    public Security? Security { get; init; }

    /// <summary>A name shown by the scheduler and dashboard.</summary>
    /// <value>Default: the process name.</value>
    public string? Name { get; init; }

    /// <summary>Largest gRPC message the client sends to or accepts from the scheduler, in bytes.</summary>
    /// <value>Default 1 GiB.</value>
    public int MaxMessageSize { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1 << 16, nameof(MaxMessageSize)); field = value; } } = Hosting.ControlChannel.DefaultMaxMessageSize;

    /// <summary>Whether the client becomes the default scheduler of <c>Compute</c> calls while connected (as Dask's does).</summary>
    /// <value>Default true.</value>
    public bool SetAsDefault { get; init; } = true;
}
