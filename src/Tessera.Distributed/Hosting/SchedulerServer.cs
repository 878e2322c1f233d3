using System.Globalization;
using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Distributed.Hardening;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// A running scheduler: the gRPC control plane that workers and clients connect to
/// (<c>tessera scheduler</c>, and the in-process scheduler of every cluster).
/// </summary>
public sealed class SchedulerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ITimer _steal;
    private readonly ITimer _progress;

    private SchedulerServer(WebApplication app, SchedulerCore core, SchedulerOptions options)
    {
        _app = app;
        Core = core;
        _steal = GuardedTimer.Create(options.TimeProvider, "scheduler work stealing", static (SchedulerCore c) => c.Balance(), core, options.StealInterval, options.StealInterval, core.Log);
        _progress = GuardedTimer.Create(options.TimeProvider, "scheduler progress updates", static (SchedulerCore c) => c.PublishProgress(), core, options.ProgressInterval, options.ProgressInterval, core.Log);
    }

    /// <summary>The address workers and clients connect to, e.g. <c>tcp://127.0.0.1:41234</c>.</summary>
    public string Address => Core.Address;

    /// <summary>The dashboard's address, or null when none is served.</summary>
    public string? DashboardAddress => Core.DashboardAddress;

    internal SchedulerCore Core { get; }

    /// <summary>Starts a scheduler and returns once it accepts connections.</summary>
    /// <param name="options">Where to listen; null for the defaults (loopback, any free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SchedulerServer> StartAsync(SchedulerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SchedulerOptions();
        if (!IPAddress.TryParse(options.Host, out IPAddress? ip))
        {
            ip = (await Dns.GetHostAddressesAsync(options.Host, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                ?? throw new ArgumentException($"Scheduler host '{options.Host}' does not resolve to an address.", nameof(options));
        }

        Security security = options.Security;
        TlsCredentials? tls = security.For(TlsRole.Scheduler);
        if (tls is null && !IPAddress.IsLoopback(ip))
        {
            SecurityLog.Write($"the scheduler listens on {options.Host} without TLS (Security.None): anyone who reaches this address can run code as {Environment.UserName} on every worker.");
        }

        var core = new SchedulerCore(options.TimeProvider) { DashboardAddress = options.DashboardAddress };
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MaxConcurrentConnections = DescriptorLimit.Connections(options.MaxConnections, 10_000);
            k.Limits.MaxConcurrentUpgradedConnections = k.Limits.MaxConcurrentConnections;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Limits.Http2.InitialConnectionWindowSize = 16 << 20;
            k.Limits.Http2.InitialStreamWindowSize = 8 << 20;
            k.Listen(ip, options.Port, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                if (tls is not null)
                {
                    // Mutual TLS: a peer without a certificate from the cluster's authority never reaches gRPC; refusals are logged with its address.
                    l.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = c => ValueTask.FromResult(tls.ServerOptions(c.Connection.RemoteEndPoint, "the scheduler", [SslApplicationProtocol.Http2])),
                        HandshakeTimeout = TimeSpan.FromSeconds(10),
                    });
                }
            });
        });
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(core);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxMessageSize;
            o.MaxSendMessageSize = options.MaxMessageSize;
            o.EnableDetailedErrors = false;
        });
        WebApplication app = builder.Build();
        app.MapGrpcService<SchedulerRpcService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The scheduler cannot listen on {options.Host}:{options.Port}: {e.Message}", e);
        }

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound);
        core.Address = security.Scheme + "://" + options.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return new SchedulerServer(app, core, options);
    }

    /// <summary>Stops accepting connections and closes every worker and client stream.</summary>
    public async ValueTask DisposeAsync()
    {
        await _steal.DisposeAsync().ConfigureAwait(false);
        await _progress.DisposeAsync().ConfigureAwait(false);
        await Core.Shutdown.CancelAsync().ConfigureAwait(false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Streams that did not end in time are aborted by DisposeAsync.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
