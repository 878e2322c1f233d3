using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Hardening;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// A worker: runs tasks the scheduler sends on its threads, keeps their results, serves them to
/// peers and clients on the data plane, and fetches its inputs from peers. The process of
/// <c>tessera worker</c>; <c>LocalCluster</c> also runs it in-process when <c>Processes = false</c>.
/// </summary>
public sealed partial class Worker : IAsyncDisposable
{
    private readonly WorkerOptions _options;
    private readonly Lock _gate = new();
    private readonly WorkerState _state;
    private readonly WorkerStore _store;
    private readonly DataServer _dataServer;
    private readonly DataClient _dataClient;
    private readonly CodeShipper _shipper = new();
    private readonly ConcurrentDictionary<string, CodeLoader> _loaders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _functionBytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Client, string Function), TaskFunction> _functions = new();

    /// <summary>Shipped functions whose bytes this worker holds (for tests).</summary>
    internal int ShippedFunctionCount => _functionBytes.Count;
    private readonly BlockingCollection<WorkerTask> _runQueue = [];
    private readonly Outbox<WorkerMessage> _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startTimestamp;
    private readonly List<Thread> _threads = [];
    private GrpcChannel? _channel;
    private SchedulerRpc.SchedulerRpcClient? _rpc;
    private AsyncDuplexStreamingCall<WorkerBatch, SchedulerToWorkerBatch>? _call;
    private ITimer? _heartbeat;
    private ITimer? _lifetime;
    private int _disposed;

    private Worker(WorkerOptions options, string name, string host)
    {
        _options = options;
        Name = name;
        _startTimestamp = options.TimeProvider.GetTimestamp();
        _store = CreateStore(options, name);
        TlsCredentials? tls = options.Security.For(TlsRole.Worker);
        _dataClient = new DataClient(tls: tls);
        _dataServer = new DataServer(_store, EncodeForPeer, host, limits: _options.DataPlane, tls: tls);
        _dataServer.Start();
        _state = new WorkerState(options.NThreads, _dataServer.Address, Memory.MemoryThresholds.TransferBudget(options));
    }

    /// <summary>The worker's unique name.</summary>
    public string Name { get; }

    /// <summary>Where peers and clients fetch its results, e.g. <c>tcp://127.0.0.1:40123</c>.</summary>
    public string DataAddress => _dataServer.Address;

    /// <summary>Completes when the worker has stopped (scheduler gone, closed, or lifetime over).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the worker stopped, once <see cref="Completion"/> is done.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Starts a worker and returns once the scheduler has accepted it.</summary>
    /// <param name="options">What to join and how to run.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="SchedulerUnreachableException">No scheduler answered within <see cref="WorkerOptions.DeathTimeout"/>.</exception>
    public static async Task<Worker> StartAsync(WorkerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NThreads, "A worker needs at least one thread (--nthreads).");
        }

        string host = options.Host ?? HostAddresses.ForWorker(options.SchedulerAddress, options.Interface);
        string name = options.Name ?? Environment.MachineName + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var worker = new Worker(options, name, host);
        try
        {
            await worker.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return worker;
    }

    private async Task ConnectAsync(string host, CancellationToken ct)
    {
        _channel = ControlChannel.Open(_options.SchedulerAddress, _options.Security, TlsRole.Worker, _options.MaxMessageSize);
        _rpc = new SchedulerRpc.SchedulerRpcClient(_channel);
        await ControlChannel.IdentifyAsync(_rpc, _options.SchedulerAddress, _options.DeathTimeout, ct).ConfigureAwait(false);
        _call = _rpc.ConnectWorker(cancellationToken: _stop.Token);
        var hello = new WorkerHello
        {
            ProtocolVersion = ProtocolInfo.Version,
            Name = Name,
            DataAddress = DataAddress,
            Host = host,
            Nthreads = _options.NThreads,
            MemoryLimit = _options.MemoryLimit,
            Pid = Environment.ProcessId,
            LocalDirectory = LocalDirectory,
        };
        var first = new WorkerBatch();
        first.Messages.Add(new WorkerMessage { Hello = hello });
        await _call.RequestStream.WriteAsync(first, ct).ConfigureAwait(false);
        try
        {
            if (!await _call.ResponseStream.MoveNext(ct).ConfigureAwait(false) || _call.ResponseStream.Current.Messages.FirstOrDefault()?.Welcome is null)
            {
                throw new InvalidOperationException($"The scheduler at {_options.SchedulerAddress} closed the connection without welcoming worker {Name}.");
            }
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"The scheduler at {_options.SchedulerAddress} refused worker {Name}: {e.Status.Detail}", e);
        }

        // Anything after the welcome in the first batch is work.
        var rest = _call.ResponseStream.Current.Messages.Skip(1).ToList();
        for (int i = 0; i < _options.NThreads; i++)
        {
            var t = new Thread(RunLoop) { IsBackground = true, Name = $"tessera-{Name}-{i}" };
            _threads.Add(t);
            t.Start();
        }

        _pump = Task.Run(() => PumpOutboxAsync(_call.RequestStream), CancellationToken.None);
        _ = Task.Run(() => ReadLoopAsync(rest), CancellationToken.None);
        _heartbeat = GuardedTimer.Create(_options.TimeProvider, $"worker {Name} heartbeat", static (Worker w) => w.SendHeartbeat(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        if (_options.Lifetime is { } life)
        {
            _lifetime = GuardedTimer.Create(_options.TimeProvider, $"worker {Name} lifetime", static (Worker w) => _ = w.RetireAsync("lifetime reached"), this, life, Timeout.InfiniteTimeSpan);
        }

        StartMemoryMonitor();
    }

    private string LocalDirectory => _localDirectory ??= Files.PrivateDirectory.ForLocalDirectory(_options.LocalDirectory);

    private string? _localDirectory;

    private double Now => _options.TimeProvider.GetElapsedTime(_startTimestamp).TotalSeconds;

    /// <summary>
    /// Leaves gracefully: takes no new work, waits while the scheduler copies the results only this
    /// worker holds to other workers, then stops (on lifetime, SIGTERM from scancel or the walltime).
    /// </summary>
    /// <param name="reason">Recorded in <see cref="StopReason"/>.</param>
    /// <param name="timeout">How long to wait for the scheduler before stopping anyway; default 60 s.</param>
    public async Task RetireAsync(string reason = "retired", TimeSpan? timeout = null)
    {
        _outbox.Send(new WorkerMessage { Closing = new WorkerClosing { Reason = reason, Retire = true } });
        try
        {
            await _completion.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await StopAsync(reason + " (the scheduler did not confirm the hand-over in time)").ConfigureAwait(false);
        }
    }

    /// <summary>Tells the scheduler this worker is leaving, then stops.</summary>
    /// <param name="reason">Recorded in <see cref="StopReason"/>.</param>
    public async Task CloseAsync(string reason = "closed")
    {
        _outbox.Send(new WorkerMessage { Closing = new WorkerClosing { Reason = reason } });
        await StopAsync(reason).ConfigureAwait(false);
    }

    private async Task StopAsync(string reason, bool lostScheduler = false)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _completion.Task.ConfigureAwait(false);
            return;
        }

        StopReason = reason;
        LostScheduler = lostScheduler;
        _outbox.Complete();
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        if (_lifetime is not null)
        {
            await _lifetime.DisposeAsync().ConfigureAwait(false);
        }

        await StopMemoryMonitorAsync().ConfigureAwait(false);

        try
        {
            if (_call is not null)
            {
                await _call.RequestStream.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or TimeoutException or IOException)
        {
            // Already broken: nothing to tell.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _runQueue.CompleteAdding();
        _call?.Dispose();
        _channel?.Dispose();
        await _dataServer.DisposeAsync().ConfigureAwait(false);
        await _dataClient.DisposeAsync().ConfigureAwait(false);
        foreach (Thread t in _threads)
        {
            t.Join(TimeSpan.FromSeconds(5));
        }

        _store.Clear();
        foreach (CodeLoader l in _loaders.Values)
        {
            l.Dispose();
        }

        _completion.TrySetResult();
    }

    /// <summary>Stops the worker (the scheduler reschedules whatever it held).</summary>
    public async ValueTask DisposeAsync() => await StopAsync("disposed").ConfigureAwait(false);

    /// <inheritdoc/>
    public override string ToString() => $"<Worker '{Name}' data={DataAddress} threads={_options.NThreads}>";
}
