using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed;

/// <summary>
/// A connection to a Tessera scheduler, as Dask's <c>distributed.Client</c>: while connected it is the
/// default scheduler, so <c>Compute</c> of <c>Delayed</c> and <c>DArray</c> runs on the cluster; it also
/// submits functions as futures, gathers and scatters data.
/// </summary>
public sealed partial class Client : IAsyncDisposable, IScheduler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyWaiter> _waiters = new(StringComparer.Ordinal);
    private readonly Outbox<ClientMessage> _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ClientBatch, SchedulerToClientBatch> _call;
    private readonly DataClient _data;
    private readonly CodeShipper _shipper = new();
    private readonly IScheduler? _previousDefault;
    private readonly bool _isDefault;
    private List<WorkerDescription> _workers;
    private Exception? _broken;
    private long _generation;
    private long _stimulus;
    private int _disposed;

    private Client(GrpcChannel channel, AsyncDuplexStreamingCall<ClientBatch, SchedulerToClientBatch> call, ClientWelcome welcome, ClientOptions options, Cluster? cluster, Security security)
    {
        _channel = channel;
        _data = new DataClient(tls: security.For(TlsRole.Client));
        _call = call;
        Id = welcome.ClientId;
        SchedulerAddress = welcome.SchedulerAddress;
        DashboardLink = string.IsNullOrEmpty(welcome.DashboardAddress) ? null : "http://" + welcome.DashboardAddress + "/status";
        _workers = welcome.Workers.Select(WorkerDescription.From).ToList();
        Cluster = cluster;
        _ = Task.Run(PumpAsync);
        _ = Task.Run(ReadLoopAsync);
        if (options.SetAsDefault)
        {
            _previousDefault = Scheduler.Global;
            Scheduler.Global = this;
            _isDefault = true;
        }
    }

    /// <summary>The scheduler-assigned id of this client.</summary>
    public string Id { get; }

    /// <summary>The scheduler's address, e.g. <c>tcp://127.0.0.1:8786</c>.</summary>
    public string SchedulerAddress { get; }

    /// <summary>The dashboard's URL, or null when the scheduler serves none.</summary>
    public string? DashboardLink { get; }

    /// <summary>The cluster this client was connected to, if it was given one.</summary>
    public Cluster? Cluster { get; }

    /// <summary>
    /// The workers connected to the scheduler, as last reported: refreshed when one joins or leaves, and with their
    /// heartbeats (load, managed / spilled / unmanaged memory, paused) at most twice a second.
    /// </summary>
    public IReadOnlyList<WorkerDescription> Workers
    {
        get
        {
            lock (_gate)
            {
                return _workers;
            }
        }
    }

    /// <summary>Connects to a cluster's scheduler, starting the cluster and waiting for its first workers.</summary>
    /// <param name="cluster">The cluster; started if it was not.</param>
    /// <param name="options">Connection options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    public static async Task<Client> ConnectAsync(Cluster cluster, ClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        await cluster.WaitForWorkersAsync(cancellationToken).ConfigureAwait(false);
        options ??= new ClientOptions();
        return await ConnectCoreAsync(cluster.SchedulerAddress, options, options.Security ?? cluster.Security, cluster, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects to a scheduler by address.</summary>
    /// <param name="address">The scheduler address, <c>tcp://host:port</c>, or <c>tls://host:port</c> with <see cref="ClientOptions.Security"/>.</param>
    /// <param name="options">Connection options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <exception cref="SchedulerUnreachableException">Nothing answered within <see cref="ClientOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="ArgumentException">The address is malformed, or its scheme does not fit the credentials.</exception>
    public static Task<Client> ConnectAsync(string address, ClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClientOptions();
        return ConnectCoreAsync(address, options, options.Security ?? Security.None, null, cancellationToken);
    }

    /// <summary>
    /// Connects to the scheduler named in a scheduler file (Dask's <c>Client(scheduler_file=…)</c>), written by
    /// <c>tessera scheduler --scheduler-file FILE</c>: its address, and its temporary credentials when it made some.
    /// </summary>
    /// <param name="options">Connection options; null for the defaults. Its <see cref="ClientOptions.Security"/> wins over the file's credentials.</param>
    /// <param name="schedulerFile">The scheduler file.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <exception cref="ArgumentException">No file given, or it is unreadable or not a scheduler file.</exception>
    /// <exception cref="SchedulerUnreachableException">Nothing answered within <see cref="ClientOptions.ConnectTimeout"/>.</exception>
    public static Task<Client> ConnectAsync(ClientOptions? options = null, string? schedulerFile = null, CancellationToken cancellationToken = default)
    {
        if (schedulerFile is null)
        {
            throw new ArgumentException("Client.ConnectAsync: give a scheduler address, a cluster or a scheduler file (schedulerFile:).", nameof(schedulerFile));
        }

        options ??= new ClientOptions();
        (string address, Security? fromFile) = SchedulerFile.Read(schedulerFile);
        return ConnectCoreAsync(address, options, options.Security ?? fromFile ?? Security.None, null, cancellationToken);
    }

    private static async Task<Client> ConnectCoreAsync(string address, ClientOptions options, Security security, Cluster? cluster, CancellationToken ct)
    {
        GrpcChannel channel = ControlChannel.Open(address, security, TlsRole.Client, options.MaxMessageSize);
        try
        {
            var rpc = new SchedulerRpc.SchedulerRpcClient(channel);
            await ControlChannel.IdentifyAsync(rpc, address, options.ConnectTimeout, ct).ConfigureAwait(false);
            AsyncDuplexStreamingCall<ClientBatch, SchedulerToClientBatch> call = rpc.ConnectClient(cancellationToken: CancellationToken.None);
            var hello = new ClientBatch();
            hello.Messages.Add(new ClientMessage { Hello = new ClientHello { ProtocolVersion = ProtocolInfo.Version, ClientName = options.Name ?? Process.GetCurrentProcess().ProcessName } });
            await call.RequestStream.WriteAsync(hello, ct).ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(ct).ConfigureAwait(false) || call.ResponseStream.Current.Messages.FirstOrDefault()?.Welcome is not { } welcome)
            {
                throw new InvalidOperationException($"The scheduler at {address} closed the connection without welcoming the client.");
            }

            return new Client(channel, call, welcome, options, cluster, security);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            var pending = new List<ClientMessage>();
            while (await _outbox.ReadBatchAsync(pending, 10_000, _stop.Token).ConfigureAwait(false))
            {
                var batch = new ClientBatch();
                batch.Messages.AddRange(pending);
                await _call.RequestStream.WriteAsync(batch, _stop.Token).ConfigureAwait(false);
            }

            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The read loop reports the broken connection.
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
            {
                foreach (SchedulerToClient m in _call.ResponseStream.Current.Messages)
                {
                    Handle(m);
                }
            }
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            error = e;
        }

        if (!_stop.IsCancellationRequested)
        {
            Fail(new SchedulerUnreachableException($"The connection to the scheduler at {SchedulerAddress} was lost" + (error is null ? "." : $": {error.Message}"), error ?? new IOException("stream ended")));
        }
    }

    private void Handle(SchedulerToClient m)
    {
        if (HandleFailureMessage(m))
        {
            return;
        }

        string? key = m.KindCase switch
        {
            SchedulerToClient.KindOneofCase.KeyInMemory => m.KeyInMemory.Location.Key,
            SchedulerToClient.KindOneofCase.KeyErred => m.KeyErred.Key,
            SchedulerToClient.KindOneofCase.KeyCancelled => m.KeyCancelled.Key,
            _ => null,
        };
        lock (_gate)
        {
            if (m.KindCase == SchedulerToClient.KindOneofCase.Progress)
            {
                // Raised outside the lock below.
            }
            else if (m.KindCase == SchedulerToClient.KindOneofCase.WorkersChanged)
            {
                _workers = m.WorkersChanged.Workers.Select(WorkerDescription.From).ToList();
                WorkersUpdated();
                return;
            }

            if (key is not null && _waiters.TryGetValue(key, out KeyWaiter? w) && !w.Outcome.TrySetResult(m))
            {
                // A later word on a key already done: recomputed elsewhere, or lost for good (scattered data).
                w.Latest = m;
            }
        }

        if (m.KindCase == SchedulerToClient.KindOneofCase.Progress)
        {
            OnProgress(m.Progress);
        }
    }

    private void Fail(Exception e)
    {
        lock (_gate)
        {
            _broken = e;
            foreach (KeyWaiter w in _waiters.Values)
            {
                w.Outcome.TrySetException(e);
            }

            FailRetireRequests(e);
        }
    }

    /// <summary>Registers interest in keys (one more holder each); returns their outcome waiters.</summary>
    private KeyWaiter[] Hold(IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            if (_broken is not null)
            {
                throw _broken;
            }

            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var result = new KeyWaiter[keys.Count];
            for (int i = 0; i < keys.Count; i++)
            {
                if (!_waiters.TryGetValue(keys[i], out KeyWaiter? w))
                {
                    w = new KeyWaiter();
                    _waiters.Add(keys[i], w);
                }

                w.Holders++;
                result[i] = w;
            }

            return result;
        }
    }

    /// <summary>Drops one holder per key; keys nobody holds are released on the cluster.</summary>
    internal void Drop(IReadOnlyList<string> keys, bool cancel = false)
    {
        var released = new List<string>();
        lock (_gate)
        {
            foreach (string k in keys)
            {
                if (cancel && _waiters.TryGetValue(k, out KeyWaiter? cancelled))
                {
                    cancelled.Outcome.TrySetResult(new SchedulerToClient { KeyCancelled = new KeyCancelled { Key = k, Reason = "cancelled by the client" } });
                }

                if (_waiters.TryGetValue(k, out KeyWaiter? w) && --w.Holders <= 0)
                {
                    _waiters.Remove(k);
                    released.Add(k);
                }
            }
        }

        if (released.Count > 0 && _disposed == 0)
        {
            if (cancel)
            {
                var c = new CancelKeys { StimulusId = NextStimulus("cancel") };
                c.Keys.AddRange(released);
                _outbox.Send(new ClientMessage { CancelKeys = c });
            }
            else
            {
                var r = new ReleaseKeys { StimulusId = NextStimulus("release") };
                r.Keys.AddRange(released);
                _outbox.Send(new ClientMessage { ReleaseKeys = r });
            }
        }
    }

    private string NextStimulus(string what) => what + "-" + Id + "-" + Interlocked.Increment(ref _stimulus).ToString(CultureInfo.InvariantCulture);

    /// <summary>Closes the connection; the scheduler releases everything this client held.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_isDefault && ReferenceEquals(Scheduler.Global, this))
        {
            Scheduler.Global = _previousDefault ?? new ThreadedScheduler();
        }

        _outbox.Complete();
        try
        {
            await _call.RequestStream.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or TimeoutException or IOException)
        {
            // Already closed.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Fail(new ObjectDisposedException(nameof(Client), "The client was closed."));
        _call.Dispose();
        _channel.Dispose();
        await _data.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// What Dask's client repr shows: scheduler, dashboard, workers, threads, memory limit; then, on a second line, the
    /// workers' memory use at their last heartbeats (managed, unmanaged, spilled, of the limit).
    /// </summary>
    public override string ToString()
    {
        IReadOnlyList<WorkerDescription> ws = Workers;
        return $"<Client: '{SchedulerAddress}' processes={ws.Count} threads={ws.Sum(static w => w.Threads)}, memory={ByteFormat.FormatBytes(ws.Sum(static w => w.MemoryLimit))}"
            + (DashboardLink is null ? "" : $", dashboard={DashboardLink}") + ">" + Environment.NewLine + "  memory: " + WorkerMemorySummary.Of(ws);
    }

    private sealed class KeyWaiter
    {
        public TaskCompletionSource<SchedulerToClient> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Holders { get; set; }

        /// <summary>The scheduler's last word on the key when it changed after <see cref="Outcome"/> completed.</summary>
        public SchedulerToClient? Latest { get; set; }
    }
}
