using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// The scheduler host's core: one lock around the pure <see cref="SchedulerState"/>, and routing of
/// its instructions to per-connection outboxes. No logic lives here beyond translating messages.
/// </summary>
internal sealed partial class SchedulerCore
{
    private readonly Lock _gate = new();
    private readonly SchedulerState _state;
    private readonly Dictionary<string, WorkerConnection> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientConnection> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _assemblies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _clientGone = new(StringComparer.Ordinal);
    private TaskCompletionSource _workersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextClient;
    private long _stimulus;

    public SchedulerCore(TimeProvider time)
    {
        _time = time;
        _state = new SchedulerState(time);
    }

    public string Address { get; set; } = "";

    /// <summary>Cancelled when the scheduler shuts down, so that open streams end at once.</summary>
    public CancellationTokenSource Shutdown { get; } = new();

    public string? DashboardAddress { get; set; }

    /// <summary>Runs <paramref name="read"/> under the state lock (for snapshots: dashboard, tests).</summary>
    public T Read<T>(Func<SchedulerState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    public byte[]? GetAssembly(string hash) => _assemblies.GetValueOrDefault(hash);

    public List<WorkerInfo> WorkerInfos()
    {
        lock (_gate)
        {
            return _state.Workers.Values.Select(ToInfo).ToList();
        }
    }

    // ------------------------------------------------------------------ workers

    public WorkerConnection AddWorker(WorkerHello hello)
    {
        lock (_gate)
        {
            var instructions = _state.AddWorker(hello.Name, hello.DataAddress, hello.Host, hello.Nthreads, hello.MemoryLimit, NextStimulus("add-worker"), out SchedulerWorker w);
            w.Pid = hello.Pid;
            w.LocalDirectory = hello.LocalDirectory;
            var conn = new WorkerConnection(w.Id, w.Name);
            _workers.Add(w.Id, conn);
            conn.Send(new SchedulerToWorker { Welcome = new WorkerWelcome { ProtocolVersion = ProtocolInfo.Version, ControlId = w.Id, SchedulerAddress = Address } });
            Route(instructions);
            BroadcastWorkers();
            return conn;
        }
    }

    public void RemoveWorker(WorkerConnection conn)
    {
        lock (_gate)
        {
            if (_workers.Remove(conn.Id))
            {
                Route(_state.RemoveWorker(conn.Id, NextStimulus("remove-worker")));
                BroadcastWorkers();
            }

            conn.Complete();
        }
    }

    public void HandleWorkerBatch(WorkerConnection conn, WorkerBatch batch)
    {
        lock (_gate)
        {
            foreach (WorkerMessage m in batch.Messages)
            {
                switch (m.KindCase)
                {
                    case WorkerMessage.KindOneofCase.TaskFinished:
                        TaskFinished f = m.TaskFinished;
                        Route(_state.TaskFinished(conn.Id, f.Key, f.Nbytes, f.TypeName, f.HasSmallValue ? f.SmallValue.ToByteArray() : null, f.StopSeconds - f.StartSeconds, f.StimulusId));
                        break;
                    case WorkerMessage.KindOneofCase.TaskErred:
                        Route(_state.TaskErred(conn.Id, m.TaskErred.Key, m.TaskErred.Error, m.TaskErred.StimulusId));
                        break;
                    case WorkerMessage.KindOneofCase.MissingData:
                        MissingData d = m.MissingData;
                        Route(_state.MissingData(conn.Id, d.Key, d.FromAddress, d.ForKey, d.StimulusId));
                        break;
                    case WorkerMessage.KindOneofCase.StealResponse:
                        Route(_state.StealResponse(conn.Id, m.StealResponse.Key, m.StealResponse.Stolen, m.StealResponse.StimulusId));
                        break;
                    case WorkerMessage.KindOneofCase.Heartbeat:
                        Route(_state.Heartbeat(conn.Id, m.Heartbeat.Memory, m.Heartbeat.Executing, m.Heartbeat.Ready, m.Heartbeat.Paused, m.Heartbeat.Spilled, m.Heartbeat.ProcessMemory, NextStimulus("heartbeat")));
                        SendWorkerInfosThrottled();
                        break;
                    case WorkerMessage.KindOneofCase.Closing:
                        Route(m.Closing.Retire
                            ? _state.RetireWorker(conn.Id, NextStimulus("retire-worker"), RetireReason(m.Closing.Reason))
                            : _state.CloseWorker(conn.Id, NextStimulus("worker-closing"), m.Closing.Reason, m.Closing.Failure));
                        break;
                    case WorkerMessage.KindOneofCase.KeysAdded:
                        Route(_state.KeysAdded(conn.Id, m.KeysAdded.Keys.Select(static k => (k.Key, k.Nbytes)), m.KeysAdded.StimulusId));
                        break;
                    default:
                        break;
                }
            }
        }
    }

    public void Balance()
    {
        lock (_gate)
        {
            Route(_state.Balance(NextStimulus("steal")));
        }
    }

    // ------------------------------------------------------------------ clients

    public ClientConnection AddClient(ClientHello hello)
    {
        lock (_gate)
        {
            string id = "client-" + (++_nextClient).ToString(CultureInfo.InvariantCulture) + "-" + hello.ClientName;
            var conn = new ClientConnection(id);
            _clients.Add(id, conn);
            Route(_state.AddClient(id));
            var welcome = new ClientWelcome { ProtocolVersion = ProtocolInfo.Version, ClientId = id, SchedulerAddress = Address, DashboardAddress = DashboardAddress ?? "" };
            welcome.Workers.AddRange(_state.Workers.Values.Select(ToInfo));
            conn.Send(new SchedulerToClient { Welcome = welcome });
            return conn;
        }
    }

    /// <summary>Completes once the client with this id has been removed and its tasks released.</summary>
    public Task WhenClientGone(string clientId)
    {
        lock (_gate)
        {
            return _clients.ContainsKey(clientId) ? _clientGone.GetOrAdd(clientId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
    }

    public void RemoveClient(ClientConnection conn)
    {
        lock (_gate)
        {
            if (_clients.Remove(conn.Id))
            {
                Route(_state.RemoveClient(conn.Id, NextStimulus("client-gone")));
                EvictAssemblies(conn);
                List<string> evicted = _state.EvictUnusedFunctions();
                foreach (WorkerConnection w in _workers.Values)
                {
                    var left = new ClientGone { ClientId = conn.Id };
                    foreach (string id in evicted)
                    {
                        if (w.FunctionsSent.Remove(id))
                        {
                            left.FunctionIds.Add(id);
                        }
                    }

                    if (w.ClientsKnown.Remove(conn.Id) || left.FunctionIds.Count > 0)
                    {
                        w.Send(new SchedulerToWorker { ClientGone = left });
                    }
                }
            }

            conn.Complete();
            if (_clientGone.TryRemove(conn.Id, out TaskCompletionSource? gone))
            {
                gone.TrySetResult();
            }
        }
    }

    public void HandleClientBatch(ClientConnection conn, ClientBatch batch)
    {
        lock (_gate)
        {
            foreach (ClientMessage m in batch.Messages)
            {
                switch (m.KindCase)
                {
                    case ClientMessage.KindOneofCase.UploadAssemblies:
                        foreach (AssemblyEntry a in m.UploadAssemblies.Assemblies)
                        {
                            _assemblies.TryAdd(a.Hash, a.Bytes.ToByteArray());
                            conn.Manifest.Add(new AssemblyEntry { Name = a.Name, Hash = a.Hash });
                        }

                        break;
                    case ClientMessage.KindOneofCase.UpdateGraph:
                        UpdateGraph(conn, m.UpdateGraph);
                        break;
                    case ClientMessage.KindOneofCase.ReleaseKeys:
                        Route(_state.ReleaseKeys(conn.Id, m.ReleaseKeys.Keys, m.ReleaseKeys.StimulusId));
                        break;
                    case ClientMessage.KindOneofCase.CancelKeys:
                        Route(_state.CancelKeys(conn.Id, m.CancelKeys.Keys, m.CancelKeys.StimulusId));
                        break;
                    case ClientMessage.KindOneofCase.RetireWorkers:
                        RetireWorkers r = m.RetireWorkers;
                        Route(_state.RetireWorkers(conn.Id, r.RequestId, r.Workers, r.N, r.StimulusId));
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private void UpdateGraph(ClientConnection conn, UpdateGraph g)
    {
        var functions = new Dictionary<string, byte[]>(g.Functions.Count, StringComparer.Ordinal);
        foreach (WireFunction f in g.Functions)
        {
            functions[f.Id] = f.Bytes.ToByteArray();
        }

        var tasks = new List<NewTask>(g.Tasks.Count);
        foreach (WireTask t in g.Tasks)
        {
            if (t.FunctionIndex < 0 || t.FunctionIndex >= g.Functions.Count)
            {
                throw new InvalidOperationException($"Task {KeyCodec.Display(t.Key)} names function #{t.FunctionIndex} of {g.Functions.Count}.");
            }

            tasks.Add(new NewTask(t.Key, g.Functions[t.FunctionIndex].Id, t.Args.ToByteArray(), t.Dependencies, [.. t.Priority], t.Scattered));
        }

        try
        {
            Route(_state.UpdateGraph(conn.Id, tasks, functions, g.Wanted, g.StimulusId));
        }
        catch (InvalidOperationException e)
        {
            // A malformed graph fails the keys it wanted instead of the whole connection.
            var error = new ErrorInfo { ExceptionType = e.GetType().FullName!, Message = e.Message, Worker = "scheduler" };
            foreach (string k in g.Wanted)
            {
                conn.Send(new SchedulerToClient { KeyErred = new KeyErred { Key = k, FailedKey = k, Error = error } });
            }
        }
    }

    // ------------------------------------------------------------------ routing

    private void Route(List<SchedulerInstruction> instructions)
    {
        foreach (SchedulerInstruction i in instructions)
        {
            switch (i)
            {
                case ComputeOnWorker c:
                    SendCompute(c);
                    break;
                case FreeOnWorker f when _workers.TryGetValue(f.Worker.Id, out WorkerConnection? w):
                    var free = new FreeKeys { StimulusId = f.StimulusId };
                    free.Keys.AddRange(f.Keys);
                    w.Send(new SchedulerToWorker { FreeKeys = free });
                    break;
                case ReplicateOnWorker r when _workers.TryGetValue(r.Worker.Id, out WorkerConnection? w):
                    var acquire = new AcquireReplicas { StimulusId = r.StimulusId };
                    var location = new KeyLocation { Key = r.Task.Key, Nbytes = Math.Max(0, r.Task.NBytes), ClientId = r.Task.ClientId };
                    location.DataAddresses.Add(r.FromAddress);
                    acquire.Keys.Add(location);
                    w.Send(new SchedulerToWorker { Acquire = acquire });
                    break;
                case CloseOnWorker c when _workers.TryGetValue(c.Worker.Id, out WorkerConnection? w):
                    w.Send(new SchedulerToWorker { Close = new CloseWorker { Reason = c.Reason } });
                    break;
                case StealFromWorker s when _workers.TryGetValue(s.Worker.Id, out WorkerConnection? w):
                    w.Send(new SchedulerToWorker { Steal = new StealRequest { Key = s.Key, StimulusId = s.StimulusId } });
                    break;
                case TellClientInMemory m when _clients.TryGetValue(m.ClientId, out ClientConnection? c):
                    SendProgress(c);
                    var mem = new KeyInMemory { Location = Locate(m.Task), TypeName = m.Task.TypeName };
                    if (m.Task.SmallValue is { } small)
                    {
                        mem.SmallValue = ByteString.CopyFrom(small);
                        mem.HasSmallValue = true;
                    }

                    c.Send(new SchedulerToClient { KeyInMemory = mem });
                    break;
                case TellClientErred e when _clients.TryGetValue(e.ClientId, out ClientConnection? c):
                    SendProgress(c);
                    c.Send(new SchedulerToClient { KeyErred = new KeyErred { Key = e.Key, FailedKey = e.FailedKey, Error = e.Error } });
                    break;
                case TellClientCancelled x when _clients.TryGetValue(x.ClientId, out ClientConnection? c):
                    c.Send(new SchedulerToClient { KeyCancelled = new KeyCancelled { Key = x.Key, Reason = x.Reason } });
                    break;
                default:
                    RouteFailure(i);
                    break;
            }
        }
    }

    private void SendCompute(ComputeOnWorker c)
    {
        if (!_workers.TryGetValue(c.Worker.Id, out WorkerConnection? w))
        {
            return;
        }

        SchedulerTask t = c.Task;
        if (_clients.TryGetValue(t.ClientId, out ClientConnection? owner) && w.ManifestSent.GetValueOrDefault(t.ClientId) < owner.Manifest.Count)
        {
            var manifest = new ClientManifest { ClientId = t.ClientId };
            manifest.Assemblies.AddRange(owner.Manifest);
            w.ManifestSent[t.ClientId] = owner.Manifest.Count;
            w.ClientsKnown.Add(t.ClientId);
            w.Send(new SchedulerToWorker { ClientManifest = manifest });
        }

        var msg = new ComputeTask
        {
            Key = t.Key,
            ClientId = t.ClientId,
            FunctionId = t.FunctionId,
            Args = UnsafeByteOperations.UnsafeWrap(t.Args),
            StimulusId = c.StimulusId,
            KeepSmallValue = c.KeepSmallValue,
        };
        if (w.FunctionsSent.Add(t.FunctionId))
        {
            msg.Function = UnsafeByteOperations.UnsafeWrap(_state.Functions[t.FunctionId]);
        }

        msg.Priority.AddRange(t.Priority);
        foreach (SchedulerTask dep in t.Dependencies)
        {
            msg.Dependencies.Add(Locate(dep));
        }

        w.Send(new SchedulerToWorker { Compute = msg });
    }

    private static KeyLocation Locate(SchedulerTask t)
    {
        var loc = new KeyLocation { Key = t.Key, Nbytes = Math.Max(0, t.NBytes) };
        loc.DataAddresses.AddRange(SchedulerState.FetchOrder(t).Select(static w => w.DataAddress));
        return loc;
    }

    /// <summary>A task that completes at the next worker arrival or departure.</summary>
    public Task NextWorkersChange()
    {
        lock (_gate)
        {
            return _workersChanged.Task;
        }
    }

    private void BroadcastWorkers()
    {
        TaskCompletionSource fired = _workersChanged;
        _workersChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fired.TrySetResult();
        SendWorkerInfos();
    }

    private static WorkerInfo ToInfo(SchedulerWorker w) => new()
    {
        Name = w.Name,
        ControlId = w.Id,
        DataAddress = w.DataAddress,
        Host = w.Host,
        Nthreads = w.NThreads,
        MemoryLimit = w.MemoryLimit,
        Pid = w.Pid,
        LocalDirectory = w.LocalDirectory,
        Memory = w.Memory,
        Executing = w.Executing,
        InMemory = w.HasWhat.Count,
        Ready = w.Ready,
        Spilled = w.Spilled,
        ProcessMemory = w.ProcessMemory,
        Paused = w.Paused,
    };

    private string NextStimulus(string what) => what + "-" + Interlocked.Increment(ref _stimulus).ToString(CultureInfo.InvariantCulture);
}
