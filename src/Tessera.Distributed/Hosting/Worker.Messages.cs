using System.Globalization;
using Grpc.Core;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

public sealed partial class Worker
{
    private long _stimulus;

    private async Task ReadLoopAsync(List<SchedulerToWorker> first)
    {
        string reason = "the scheduler closed the connection";
        try
        {
            Handle(first);
            while (await _call!.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
            {
                Handle(_call.ResponseStream.Current.Messages);
            }
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            reason = _stop.IsCancellationRequested ? "stopped" : $"lost the scheduler at {_options.SchedulerAddress}: {e.Message}";
        }

        await StopAsync(reason, lostScheduler: !_stop.IsCancellationRequested).ConfigureAwait(false);
    }

    private void Handle(IEnumerable<SchedulerToWorker> messages)
    {
        var todo = new List<WorkerInstruction>();
        lock (_gate)
        {
            foreach (SchedulerToWorker m in messages)
            {
                switch (m.KindCase)
                {
                    case SchedulerToWorker.KindOneofCase.Compute:
                        if (!m.Compute.Function.IsEmpty)
                        {
                            _functionBytes.TryAdd(m.Compute.FunctionId, m.Compute.Function.ToByteArray());
                        }

                        todo.AddRange(_state.HandleCompute(m.Compute));
                        break;
                    case SchedulerToWorker.KindOneofCase.FreeKeys:
                        todo.AddRange(_state.HandleFreeKeys(m.FreeKeys.Keys, m.FreeKeys.StimulusId));
                        break;
                    case SchedulerToWorker.KindOneofCase.Acquire:
                        todo.AddRange(_state.HandleAcquire(m.Acquire.Keys, m.Acquire.StimulusId));
                        break;
                    case SchedulerToWorker.KindOneofCase.Steal:
                        todo.AddRange(_state.HandleSteal(m.Steal.Key, m.Steal.StimulusId));
                        break;
                    case SchedulerToWorker.KindOneofCase.ClientManifest:
                        Loader(m.ClientManifest.ClientId).AddManifest(m.ClientManifest.Assemblies.Select(static a => (a.Name, a.Hash)));
                        break;
                    case SchedulerToWorker.KindOneofCase.ClientGone:
                        if (_loaders.TryRemove(m.ClientGone.ClientId, out CodeLoader? gone))
                        {
                            foreach (var k in _functions.Keys.Where(k => k.Client == m.ClientGone.ClientId).ToList())
                            {
                                _functions.TryRemove(k, out _);
                            }

                            gone.Dispose();
                        }

                        // Functions no live task uses any more: the scheduler sends their bytes again if a later graph names them.
                        foreach (string id in m.ClientGone.FunctionIds)
                        {
                            _functionBytes.TryRemove(id, out _);
                            foreach (var k in _functions.Keys.Where(k => k.Function == id).ToList())
                            {
                                _functions.TryRemove(k, out _);
                            }
                        }

                        break;
                    case SchedulerToWorker.KindOneofCase.Close:
                        _ = CloseAsync(m.Close.Reason);
                        break;
                    default:
                        break;
                }
            }
        }

        Dispatch(todo);
    }

    /// <summary>Carries out instructions outside the state lock.</summary>
    private void Dispatch(List<WorkerInstruction> instructions)
    {
        foreach (WorkerInstruction i in instructions)
        {
            switch (i)
            {
                case Execute e:
                    if (!_runQueue.IsAddingCompleted)
                    {
                        _runQueue.Add(e.Task);
                    }

                    break;
                case GatherDep g:
                    _ = Task.Run(() => GatherAsync(g), CancellationToken.None);
                    break;
                case ReleaseData r:
                    foreach (string k in r.Keys)
                    {
                        _store.Release(k);
                    }

                    break;
                case SendToScheduler s:
                    _outbox.Send(s.Message);
                    break;
                default:
                    break;
            }
        }
    }

    private async Task GatherAsync(GatherDep g)
    {
        var arrived = new List<(string, long)>();
        var missing = new List<string>();
        string sid = NextStimulus("gather");
        try
        {
            CodeLoader loader = LoaderForKeys(g.Keys);
            FetchResult[] results = await _dataClient.FetchAsync(g.Address, g.Keys, bytes => loader.DecodeValue(bytes.Span), _stop.Token).ConfigureAwait(false);
            foreach (FetchResult r in results)
            {
                if (r.Found)
                {
                    _store.Put(r.Key, r.Value, r.NBytes, loader);
                    arrived.Add((r.Key, r.NBytes));
                }
                else
                {
                    missing.Add(r.Key);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // An unreachable or failing peer counts as not having the data; the scheduler sorts it out.
            missing.AddRange(g.Keys.Where(k => !arrived.Any(a => a.Item1 == k)));
        }

        List<WorkerInstruction> todo;
        lock (_gate)
        {
            todo = _state.HandleGatherDone(g.Address, arrived, missing, g.TotalBytes, sid);
        }

        Dispatch(todo);
    }

    /// <summary>The code context to decode fetched values with: that of a client whose task needs them.</summary>
    private CodeLoader LoaderForKeys(IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            foreach (string k in keys)
            {
                if (_state.Tasks.TryGetValue(k, out WorkerTask? t))
                {
                    if (t.Replica && t.ClientId.Length > 0)
                    {
                        return Loader(t.ClientId);
                    }

                    foreach (WorkerTask d in t.Dependents)
                    {
                        if (d.Compute is { } c)
                        {
                            return Loader(c.ClientId);
                        }
                    }
                }
            }
        }

        return CodeLoader.Default;
    }

    private CodeLoader Loader(string clientId) =>
        _loaders.GetOrAdd(clientId, id => new CodeLoader(id, FetchAssembly));

    private byte[] FetchAssembly(string hash)
    {
        // The hash comes from the scheduler: checked before it becomes part of a path.
        if (!Hardening.WireChecks.IsHash(hash))
        {
            throw new InvalidOperationException($"Refusing assembly hash {Hardening.WireChecks.Describe(hash)}: not {Hardening.WireLimits.HashLength} lowercase hex digits.");
        }

        string cache = Path.Combine(LocalDirectory, "assemblies", hash + ".dll");
        if (File.Exists(cache))
        {
            byte[] cached = File.ReadAllBytes(cache);
            if (CodeShipper.Hash(cached) == hash)
            {
                return cached;
            }
        }

        AssemblyReply reply = _rpc!.FetchAssembly(new AssemblyRequest { Hash = hash }, cancellationToken: _stop.Token);
        if (!reply.Found)
        {
            throw new InvalidOperationException($"The scheduler has no assembly with hash {hash}; the client that shipped it may have disconnected.");
        }

        byte[] bytes = reply.Bytes.ToByteArray();
        if (CodeShipper.Hash(bytes) != hash)
        {
            throw new InvalidOperationException($"The scheduler sent {bytes.Length} bytes for assembly {hash} that do not match that hash; they were not stored or loaded.");
        }

        try
        {
            Files.PrivateDirectory.Under(LocalDirectory, "assemblies");
            Files.PrivateDirectory.WriteFile(cache, bytes);
        }
        catch (IOException)
        {
            // The cache is an optimisation; another worker may be writing the same file.
        }

        return bytes;
    }

    private async Task PumpOutboxAsync(IClientStreamWriter<WorkerBatch> stream)
    {
        try
        {
            var pending = new List<WorkerMessage>();
            while (await _outbox.ReadBatchAsync(pending, 10_000, _stop.Token).ConfigureAwait(false))
            {
                var batch = new WorkerBatch();
                batch.Messages.AddRange(pending);
                await stream.WriteAsync(batch, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The read loop notices the broken stream and stops the worker.
        }
    }

    private void SendHeartbeat()
    {
        int executing, ready, inMemory;
        lock (_gate)
        {
            executing = _state.ExecutingCount;
            ready = _state.ReadyCount;
            inMemory = _state.InMemoryCount;
        }

        _outbox.Send(new WorkerMessage { Heartbeat = new Heartbeat
        {
            Memory = _store.NBytes,
            Executing = executing,
            InMemory = inMemory,
            Ready = ready,
            Spilled = _store.SpilledBytes,
            ProcessMemory = _memoryMonitor?.LastReading ?? 0,
            Paused = _pauseGate.IsPaused,
        } });
    }

    private string NextStimulus(string what) => what + "-" + Name + "-" + Interlocked.Increment(ref _stimulus).ToString(CultureInfo.InvariantCulture);
}
