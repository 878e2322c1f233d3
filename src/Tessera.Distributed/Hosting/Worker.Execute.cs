using System.Reflection;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Hosting;

public sealed partial class Worker
{
    /// <summary>Values up to this size ride back to a waiting client inside the control message.</summary>
    internal const int SmallValueBytes = 64 << 10;

    private void RunLoop()
    {
        try
        {
            foreach (WorkerTask t in _runQueue.GetConsumingEnumerable(_stop.Token))
            {
                _pauseGate.Wait(_stop.Token);
                List<WorkerInstruction> todo = Run(t);
                Dispatch(todo);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private List<WorkerInstruction> Run(WorkerTask t)
    {
        ComputeTask c;
        object?[] args;
        lock (_gate)
        {
            c = t.Compute!;
        }

        string sid = NextStimulus("execute");
        double start = Now;
        object? result;
        byte[]? small = null;
        CodeLoader loader = Loader(c.ClientId);
        var pins = new List<string>();
        try
        {
            TaskFunction f = Function(loader, c);
            TaskArg[] spec = loader.DecodeArgs(c.Args.Span);
            args = new object?[spec.Length];
            var temps = new List<object>();
            for (int i = 0; i < spec.Length; i++)
            {
                args[i] = Resolve(spec[i], temps, pins);
            }

            long leased = BeginTaskMemory(c.Key);
            result = f.Invoke(args);
            ReleaseTemporaries(temps, result);
            result = CompactResult(result, args);
            EndTaskMemory(c.Key, leased, result);
            if (c.KeepSmallValue && DataSize.Of(result) <= SmallValueBytes)
            {
                try
                {
                    small = _shipper.EncodeValue(result);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidOperationException($"Task {KeyCodec.Display(c.Key)} returned a {result?.GetType().FullName ?? "null"} that cannot be sent back: {e.Message}", e);
                }

                if (small.Length > SmallValueBytes)
                {
                    small = null;
                }
            }
        }
        catch (Exception e)
        {
            Exception real = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            var error = new ErrorInfo
            {
                ExceptionType = real.GetType().FullName ?? real.GetType().Name,
                Message = real.Message,
                RemoteStack = real.ToString(),
                Worker = Name,
            };
            lock (_gate)
            {
                return _state.HandleExecuteFailure(c.Key, error, sid);
            }
        }
        finally
        {
            foreach (string k in pins)
            {
                _store.Unpin(k);
            }
        }

        double stop = Now;
        long nbytes = DataSize.Of(result);
        _store.Put(c.Key, result, nbytes, loader);
        lock (_gate)
        {
            return _state.HandleExecuteSuccess(c.Key, nbytes, TypeName(result), start, stop, small, sid);
        }
    }

    /// <summary>
    /// A view is stored as it is while it holds at least 1/<see cref="MinViewShare"/> of the buffer it keeps alive (the
    /// pieces a rechunk cuts from a facet: their buffer goes back once the last piece is released, and copying them
    /// out cost a second pass over every facet); a smaller view (a row of a facet) is stored as a compact copy so it
    /// does not hold the whole facet. A result that is one of the task's own inputs (an identity) is kept as it is.
    /// </summary>
    private static object? CompactResult(object? result, object?[] args) =>
        result is null || args.Any(a => ReferenceEquals(a, result)) ? result : NDArrayCodec.Compact(result, MinViewShare);

    /// <summary>A stored view holds at least this fraction (1/n) of its buffer, else it is compacted.</summary>
    internal const int MinViewShare = 64;

    private TaskFunction Function(CodeLoader loader, ComputeTask c)
    {
        if (_functions.TryGetValue((c.ClientId, c.FunctionId), out TaskFunction? f))
        {
            return f;
        }

        if (!_functionBytes.TryGetValue(c.FunctionId, out byte[]? bytes))
        {
            throw new InvalidOperationException($"Worker {Name} never received function {c.FunctionId} for task {KeyCodec.Display(c.Key)}.");
        }

        f = loader.DecodeFunction(bytes);
        _functions[(c.ClientId, c.FunctionId)] = f;
        return f;
    }

    /// <summary>
    /// Turns an argument tree into values, as the local schedulers do: keys to stored results, lists to
    /// arrays, inline (fused) tasks to their results. Keys read are pinned in the store (not spilled under
    /// the task) and added to <paramref name="pins"/>; values computed inline are collected in
    /// <paramref name="temps"/> so the caller can release them once used.
    /// </summary>
    private object? Resolve(TaskArg a, List<object> temps, List<string> pins)
    {
        switch (a.Kind)
        {
            case TaskArgKind.Ref:
                string key = KeyCodec.ToWire(a.Key);
                object? stored = _store.Get(key);
                pins.Add(key);
                return stored;
            case TaskArgKind.List:
                IReadOnlyList<TaskArg> items = a.Items;
                var list = new object?[items.Count];
                for (int i = 0; i < list.Length; i++)
                {
                    list[i] = Resolve(items[i], temps, pins);
                }

                return list;
            case TaskArgKind.Inline:
                TaskSpec inner = a.InlineTask!;
                var innerTemps = new List<object>();
                var innerArgs = new object?[inner.Args.Count];
                for (int i = 0; i < innerArgs.Length; i++)
                {
                    innerArgs[i] = Resolve(inner.Args[i], innerTemps, pins);
                }

                object? value = inner.Function.Invoke(innerArgs);
                ReleaseTemporaries(innerTemps, value);
                if (value is not null)
                {
                    temps.Add(value);
                }

                return value;
            default:
                return a.Value;
        }
    }

    /// <summary>Releases pooled chunks computed inside a fused task once its next step has run, unless they are the result.</summary>
    private static void ReleaseTemporaries(List<object> temps, object? result)
    {
        // Only when the result cannot hold them: a chunk (views hold their own lease), a scalar or null.
        // A collection or user object might contain a temporary, so those are left to the finalizers.
        if (temps.Count == 0 || !(result is null or IReleasableResult or string || result.GetType().IsPrimitive))
        {
            return;
        }

        foreach (object t in temps)
        {
            if (!ReferenceEquals(t, result) && t is IReleasableResult r)
            {
                r.ReleaseResult();
            }
        }
    }

    private byte[] EncodeForPeer(object? value) => _shipper.EncodeValue(value);

    private static string TypeName(object? value) => value is null ? "null" : TypeNames.Format(value.GetType());
}
