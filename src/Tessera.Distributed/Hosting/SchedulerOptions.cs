namespace Tessera.Distributed.Hosting;

/// <summary>Where and how a scheduler listens (the options of <c>tessera scheduler</c>).</summary>
public sealed record SchedulerOptions
{
    /// <summary>Address to bind the control plane to.</summary>
    /// <value>Default <c>127.0.0.1</c> (loopback): bind a cluster interface's address to let other machines in.</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port of the control plane.</summary>
    /// <value>Default 0: any free port (the chosen one is in <see cref="SchedulerServer.Address"/>). Dask's fixed default is 8786.</value>
    public int Port { get; init; }

    /// <summary>Address of the dashboard, <c>host:port</c>, or null for none.</summary>
    /// <value>Default null: no dashboard is served.</value>
    public string? DashboardAddress { get; init; }

    /// <summary>The credentials every client and worker must present (mutual TLS; the address becomes <c>tls://</c>).</summary>
    /// <value>Default <see cref="Security.None"/>: plain TCP (clusters pass <see cref="Security.Temporary"/> unless told otherwise).</value>
    public Security Security { get; init; } = Security.None;

    /// <summary>How often the scheduler looks for work to steal.</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan StealInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often clients get progress updates (when something changed).</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest gRPC message the scheduler accepts or sends, in bytes; a bigger one ends that peer's call.</summary>
    /// <value>Default 1 GiB (<see cref="ControlChannel.DefaultMaxMessageSize"/>): a graph, an uploaded assembly and
    /// a scattered value travel in one message each.</value>
    public int MaxMessageSize { get; init { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1 << 16, nameof(MaxMessageSize)); field = value; } } = ControlChannel.DefaultMaxMessageSize;

    /// <summary>Most TCP connections the scheduler holds at once; further ones are closed at once.</summary>
    /// <value>Default null: 10,000, or the process's open-file limit less 128 when that is lower.</value>
    public int? MaxConnections { get; init { if (value is { } v) { ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(MaxConnections)); } field = value; } }

    /// <summary>The clock the scheduler reads; tests inject a fake one.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
