using System.Runtime.CompilerServices;
using Google.Protobuf;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private readonly ConditionalWeakTable<TaskFunction, WireFunction> _encodedFunctions = [];

    /// <summary>Tasks run on workers, never in this process's memory.</summary>
    public bool SharesMemory => false;

    /// <summary>One memory per connected worker (at least one), as last reported.</summary>
    public int MemorySpaces => Math.Max(1, Workers.Count);

    /// <summary>Runs a task graph on the cluster and returns the values of <paramref name="outputs"/> (the <see cref="IScheduler"/> every <c>Compute</c> uses).</summary>
    /// <param name="graph">The tasks.</param>
    /// <param name="outputs">Keys whose values come back, in this order.</param>
    /// <param name="cancellationToken">Cancels the wait and the keys' computation.</param>
    public async Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);

        // Repeated output keys share one value.
        var values = new object?[outputs.Count];
        await ComputeEachAsync(
            graph,
            outputs,
            (positions, value) =>
            {
                foreach (int at in positions)
                {
                    values[at] = value;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>
    /// Runs a task graph on the cluster and hands each output's value to <paramref name="onValue"/> as soon as it has
    /// been fetched, with the positions in <paramref name="outputs"/> it fills (see <see cref="IScheduler.ComputeEachAsync"/>):
    /// a computed array places each block as it arrives instead of after the last one.
    /// </summary>
    /// <param name="graph">The tasks.</param>
    /// <param name="outputs">Keys whose values are wanted; may repeat.</param>
    /// <param name="onValue">Receives the positions a value fills and the value; called from several threads at once.</param>
    /// <param name="cancellationToken">Cancels the wait and the keys' computation.</param>
    public async Task ComputeEachAsync(TaskGraph graph, IReadOnlyList<Key> outputs, Action<IReadOnlyList<int>, object?> onValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(onValue);
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < outputs.Count; i++)
        {
            string wire = KeyCodec.ToWire(outputs[i]);
            if (!positions.TryGetValue(wire, out List<int>? at))
            {
                positions[wire] = at = [];
            }

            at.Add(i);
        }

        string[] keys = Submit(graph, outputs);
        try
        {
            KeyWaiter[] waiters;
            lock (_gate)
            {
                waiters = keys.Select(k => _waiters[k]).ToArray();
            }

            var deliveries = new Task[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i];
                KeyWaiter waiter = waiters[i];
                deliveries[i] = Task.Run(
                    async () =>
                    {
                        object? value = await ValueOfAsync(key, await waiter.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                        onValue(positions[key], value);
                    },
                    cancellationToken);
            }

            // Every delivery ends (value handed over, or failed) before this returns, so none comes after.
            await Task.WhenAll(deliveries).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Drop(keys, cancel: true);
            keys = [];
            throw;
        }
        finally
        {
            if (keys.Length > 0)
            {
                Drop(keys);
            }
        }
    }

    /// <summary>Sends a graph and holds its outputs; the caller drops them.</summary>
    internal string[] Submit(TaskGraph graph, IReadOnlyList<Key> outputs, bool scattered = false)
    {
        string[] wanted = outputs.Select(KeyCodec.ToWire).Distinct(StringComparer.Ordinal).ToArray();
        // Linear chains become one task each (MyF → check → slice): fewer round trips, and a chain's
        // intermediates (a whole facet) are released inside the task instead of waiting on the scheduler.
        TaskGraph culled = graph.Cull(outputs).FuseLinear(outputs).Graph;
        IReadOnlyDictionary<Key, int> order = culled.Order(outputs);
        long generation = Interlocked.Increment(ref _generation);
        var update = new UpdateGraph { StimulusId = NextStimulus("update-graph") };
        var functionIndex = new Dictionary<TaskFunction, int>(ReferenceEqualityComparer.Instance);
        foreach (Key key in culled.Keys)
        {
            TaskSpec spec = culled[key];
            if (spec.IsExternal)
            {
                // Already on the cluster (a future or persisted block): the scheduler links to it.
                string wire = KeyCodec.ToWire(key);
                if (!Holds(wire))
                {
                    throw new InvalidOperationException(NotHeld(wire));
                }

                continue;
            }

            if (!functionIndex.TryGetValue(spec.Function, out int fi))
            {
                fi = update.Functions.Count;
                functionIndex.Add(spec.Function, fi);
                update.Functions.Add(_encodedFunctions.GetValue(spec.Function, f =>
                {
                    byte[] bytes = _shipper.EncodeFunction(f);
                    return new WireFunction { Id = CodeShipper.Hash(bytes), Bytes = UnsafeByteOperations.UnsafeWrap(bytes) };
                }));
            }

            var task = new WireTask { Key = KeyCodec.ToWire(key), FunctionIndex = fi, Args = UnsafeByteOperations.UnsafeWrap(_shipper.EncodeArgs(spec.Args)), Scattered = scattered };
            foreach (Key d in spec.Dependencies)
            {
                task.Dependencies.Add(KeyCodec.ToWire(d));
            }

            task.Priority.Add(generation);
            task.Priority.Add(order[key]);
            update.Tasks.Add(task);
        }

        update.Wanted.AddRange(wanted);
        IReadOnlyList<ShippedAssembly> assemblies = _shipper.TakeNewAssemblies();
        Hold(wanted);
        if (assemblies.Count > 0)
        {
            var upload = new UploadAssemblies();
            upload.Assemblies.AddRange(assemblies.Select(static a => new AssemblyEntry { Name = a.FullName, Hash = a.Hash, Bytes = UnsafeByteOperations.UnsafeWrap(a.Bytes) }));
            _outbox.Send(new ClientMessage { UploadAssemblies = upload });
        }

        _outbox.Send(new ClientMessage { UpdateGraph = update });
        return wanted;
    }

    /// <summary>Outcome of a key's computation as a value, or the exception it ended with.</summary>
    internal async Task<object?> ValueOfAsync(string key, SchedulerToClient outcome, CancellationToken ct)
    {
        outcome = LatestOutcome(key, outcome);
        switch (outcome.KindCase)
        {
            case SchedulerToClient.KindOneofCase.KeyErred:
                throw RemoteErrors.From(key, outcome.KeyErred);
            case SchedulerToClient.KindOneofCase.KeyCancelled:
                throw new OperationCanceledException($"Key {KeyCodec.Display(key)} was cancelled: {outcome.KeyCancelled.Reason}.");
            default:
                break;
        }

        KeyInMemory m = outcome.KeyInMemory;
        if (m.HasSmallValue)
        {
            return CodeLoader.Default.DecodeValue(m.SmallValue.Span);
        }

        Exception? last = null;
        foreach (string address in m.Location.DataAddresses)
        {
            try
            {
                FetchResult[] r = await _data.FetchAsync(address, [key], static b => CodeLoader.Default.DecodeValue(b.Span), ct).ConfigureAwait(false);
                if (r[0].Found)
                {
                    return r[0].Value;
                }
            }
            catch (IOException e)
            {
                last = e;
            }
        }

        throw new InvalidOperationException($"Key {KeyCodec.Display(key)} was computed but no worker holding it ({string.Join(", ", m.Location.DataAddresses)}) could send it" + (last is null ? "." : $": {last.Message}"), last);
    }
}
