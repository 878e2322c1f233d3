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

    /// <summary>The clock the scheduler reads; tests inject a fake one.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
