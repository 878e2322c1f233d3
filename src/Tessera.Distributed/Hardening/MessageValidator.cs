using Tessera.Distributed.Protocol;
using static Tessera.Distributed.Hardening.WireChecks;

namespace Tessera.Distributed.Hardening;

/// <summary>
/// Checks every control-plane message a worker or client sends before any of it reaches the scheduler's state:
/// a batch is accepted whole or refused whole (<see cref="ProtocolViolationException"/>, naming the field).
/// What a message may refer to (a key the scheduler knows, a worker that exists) is the state machine's
/// business: it ignores stale references, which arrive legitimately after races.
/// </summary>
internal static class MessageValidator
{
    public static void Check(WorkerHello h)
    {
        Name(h.Name, "WorkerHello.name", allowEmpty: false);
        Address(h.DataAddress, "WorkerHello.data_address");
        Name(h.Host, "WorkerHello.host");
        Range(h.Nthreads, 1, WireLimits.MaxThreads, "WorkerHello.nthreads");
        NonNegative(h.MemoryLimit, "WorkerHello.memory_limit");
        NonNegative(h.Pid, "WorkerHello.pid");
        Name(h.LocalDirectory, "WorkerHello.local_directory");
    }

    public static void Check(ClientHello h) => Name(h.ClientName, "ClientHello.client_name");

    public static void Check(WorkerBatch batch)
    {
        Count(batch.Messages.Count, "WorkerBatch.messages");
        foreach (WorkerMessage m in batch.Messages)
        {
            Check(m);
        }
    }

    public static void Check(ClientBatch batch)
    {
        Count(batch.Messages.Count, "ClientBatch.messages");
        foreach (ClientMessage m in batch.Messages)
        {
            Check(m);
        }
    }

    private static void Check(WorkerMessage m)
    {
        switch (m.KindCase)
        {
            case WorkerMessage.KindOneofCase.TaskFinished:
                TaskFinished f = m.TaskFinished;
                Key(f.Key, "TaskFinished.key");
                NonNegative(f.Nbytes, "TaskFinished.nbytes");
                Name(f.TypeName, "TaskFinished.type_name");
                Name(f.StimulusId, "TaskFinished.stimulus_id");
                Finite(f.StartSeconds, "TaskFinished.start_seconds");
                Finite(f.StopSeconds, "TaskFinished.stop_seconds");
                Range(f.SmallValue.Length, 0, WireLimits.MaxSmallValue, "TaskFinished.small_value length");
                break;
            case WorkerMessage.KindOneofCase.TaskErred:
                Key(m.TaskErred.Key, "TaskErred.key");
                Check(m.TaskErred.Error, "TaskErred.error");
                Name(m.TaskErred.StimulusId, "TaskErred.stimulus_id");
                break;
            case WorkerMessage.KindOneofCase.MissingData:
                MissingData d = m.MissingData;
                Key(d.Key, "MissingData.key");
                Key(d.ForKey, "MissingData.for_key");
                Name(d.FromAddress, "MissingData.from_address");
                Name(d.StimulusId, "MissingData.stimulus_id");
                break;
            case WorkerMessage.KindOneofCase.Heartbeat:
                Heartbeat b = m.Heartbeat;
                NonNegative(b.Memory, "Heartbeat.memory");
                NonNegative(b.Executing, "Heartbeat.executing");
                NonNegative(b.InMemory, "Heartbeat.in_memory");
                NonNegative(b.Ready, "Heartbeat.ready");
                NonNegative(b.Spilled, "Heartbeat.spilled");
                NonNegative(b.ProcessMemory, "Heartbeat.process_memory");
                break;
            case WorkerMessage.KindOneofCase.StealResponse:
                Key(m.StealResponse.Key, "StealResponse.key");
                Name(m.StealResponse.StimulusId, "StealResponse.stimulus_id");
                break;
            case WorkerMessage.KindOneofCase.KeysReleased:
                Keys(m.KeysReleased.Keys, "KeysReleased.keys");
                Name(m.KeysReleased.StimulusId, "KeysReleased.stimulus_id");
                break;
            case WorkerMessage.KindOneofCase.Closing:
                Text(m.Closing.Reason, "WorkerClosing.reason");
                break;
            case WorkerMessage.KindOneofCase.KeysAdded:
                Count(m.KeysAdded.Keys.Count, "KeysAdded.keys");
                foreach (KeyLocation k in m.KeysAdded.Keys)
                {
                    Check(k, "KeysAdded.keys");
                }

                Name(m.KeysAdded.StimulusId, "KeysAdded.stimulus_id");
                break;
            default:
                throw new ProtocolViolationException($"A worker message of kind {m.KindCase} is not accepted after the hello.");
        }
    }

    private static void Check(ClientMessage m)
    {
        switch (m.KindCase)
        {
            case ClientMessage.KindOneofCase.UploadAssemblies:
                Count(m.UploadAssemblies.Assemblies.Count, "UploadAssemblies.assemblies");
                foreach (AssemblyEntry a in m.UploadAssemblies.Assemblies)
                {
                    Name(a.Name, "UploadAssemblies.assemblies.name", allowEmpty: false);
                    Content(a.Hash, a.Bytes, $"assembly '{Describe(a.Name)}'");
                }

                break;
            case ClientMessage.KindOneofCase.UpdateGraph:
                Check(m.UpdateGraph);
                break;
            case ClientMessage.KindOneofCase.ReleaseKeys:
                Keys(m.ReleaseKeys.Keys, "ReleaseKeys.keys");
                Name(m.ReleaseKeys.StimulusId, "ReleaseKeys.stimulus_id");
                break;
            case ClientMessage.KindOneofCase.CancelKeys:
                Keys(m.CancelKeys.Keys, "CancelKeys.keys");
                Name(m.CancelKeys.StimulusId, "CancelKeys.stimulus_id");
                break;
            case ClientMessage.KindOneofCase.RetireWorkers:
                RetireWorkers r = m.RetireWorkers;
                Count(r.Workers.Count, "RetireWorkers.workers");
                foreach (string w in r.Workers)
                {
                    Name(w, "RetireWorkers.workers", allowEmpty: false);
                }

                Range(r.N, 0, WireLimits.MaxCount, "RetireWorkers.n");
                Name(r.RequestId, "RetireWorkers.request_id");
                Name(r.StimulusId, "RetireWorkers.stimulus_id");
                break;
            case ClientMessage.KindOneofCase.Heartbeat:
                break;
            default:
                throw new ProtocolViolationException($"A client message of kind {m.KindCase} is not accepted after the hello.");
        }
    }

    private static void Check(UpdateGraph g)
    {
        Count(g.Tasks.Count, "UpdateGraph.tasks");
        Count(g.Functions.Count, "UpdateGraph.functions");
        foreach (WireFunction f in g.Functions)
        {
            Content(f.Id, f.Bytes, "UpdateGraph.functions.id");
        }

        foreach (WireTask t in g.Tasks)
        {
            Key(t.Key, "UpdateGraph.tasks.key");
            Range(t.FunctionIndex, 0, g.Functions.Count - 1L, $"function index of task {Describe(t.Key)}");
            Keys(t.Dependencies, "UpdateGraph.tasks.dependencies");
            Range(t.Priority.Count, 0, WireLimits.MaxPriority, "UpdateGraph.tasks.priority length");
        }

        Keys(g.Wanted, "UpdateGraph.wanted");
        Name(g.StimulusId, "UpdateGraph.stimulus_id");
    }

    private static void Check(KeyLocation k, string field)
    {
        Key(k.Key, field + ".key");
        NonNegative(k.Nbytes, field + ".nbytes");
        Name(k.ClientId, field + ".client_id");
        Count(k.DataAddresses.Count, field + ".data_addresses");
        foreach (string a in k.DataAddresses)
        {
            Address(a, field + ".data_addresses");
        }
    }

    private static void Check(ErrorInfo? e, string field)
    {
        if (e is null)
        {
            return;
        }

        Name(e.ExceptionType, field + ".exception_type");
        Text(e.Message, field + ".message");
        Text(e.RemoteStack, field + ".remote_stack");
        Name(e.Worker, field + ".worker");
        Text(e.WorkerReason, field + ".worker_reason");
    }
}
