using System.Runtime.InteropServices;
using Tessera.Graphs;

namespace Tessera.Scheduling;

internal sealed partial class GraphRun
{
    private void WorkerLoop()
    {
        var scratch = new object?[_maxArgs];
        var toRelease = new List<IReleasableResult>();
        var temps = new List<object>();
        int next;
        lock (_lock)
        {
            next = TakeLocked();
        }

        while (next >= 0)
        {
            object? result = null;
            Exception? error = null;
            try
            {
                result = Execute(next, scratch, temps);
            }
            catch (Exception e)
            {
                error = e;
            }

            lock (_lock)
            {
                if (error is not null)
                {
                    FailLocked(next, error);
                }
                else
                {
                    CompleteLocked(next, result, temps, toRelease);
                }

                next = TakeLocked();
            }

            temps.Clear();
            ReleaseAll(toRelease);
        }

        bool last;
        lock (_lock)
        {
            last = --_activeWorkers == 0;
        }

        if (last)
        {
            Finish();
        }
    }

    /// <summary>Pops the next ready task, waiting while others run; -1 when the run is over. Caller holds the lock.</summary>
    private int TakeLocked()
    {
        while (true)
        {
            if (_stop || _completed == _results.Length)
            {
                return -1;
            }

            if (_ready.Count > 0)
            {
                int i = _ready.Pop();
                if (_ready.Count > 0 && _idle > 0)
                {
                    Monitor.Pulse(_lock);
                }

                return i;
            }

            _idle++;
            Monitor.Wait(_lock);
            _idle--;
        }
    }

    private object? Execute(int i, object?[] scratch, List<object> temps)
    {
        TaskSpec t = _g.Tasks[i];
        TaskArg[] args = t.ArgsArray;
        int cursor = _refStart[i];
        try
        {
            for (int k = 0; k < args.Length; k++)
            {
                scratch[k] = args[k].Kind == TaskArgKind.Ref ? _results[_refIdx[cursor++]] : Materialise(args[k], ref cursor, temps);
            }

            return t.Function.Invoke(new ReadOnlySpan<object?>(scratch, 0, args.Length));
        }
        finally
        {
            Array.Clear(scratch, 0, args.Length);
        }
    }

    private object? Materialise(TaskArg a, ref int cursor, List<object> temps)
    {
        switch (a.Kind)
        {
            case TaskArgKind.Ref:
                return _results[_refIdx[cursor++]];
            case TaskArgKind.List:
                TaskArg[] items = a.ItemsArray;
                var list = new object?[items.Length];
                for (int k = 0; k < items.Length; k++)
                {
                    list[k] = Materialise(items[k], ref cursor, temps);
                }

                return list;
            case TaskArgKind.Inline:
                TaskSpec inner = a.InlineTask!;
                var innerArgs = new object?[inner.ArgsArray.Length];
                for (int k = 0; k < innerArgs.Length; k++)
                {
                    innerArgs[k] = Materialise(inner.ArgsArray[k], ref cursor, temps);
                }

                object? r;
                try
                {
                    r = inner.Function.Invoke(innerArgs);
                }
                catch (Exception e) when (e is not TaskFailedException)
                {
                    throw new TaskFailedException(inner.Key, e);
                }

                if (r is IReleasableResult)
                {
                    temps.Add(r);
                }

                return r;
            default:
                return a.Value;
        }
    }

    /// <summary>Stores a result, readies dependents and drops inputs whose last dependent this was. Caller holds the lock.</summary>
    private void CompleteLocked(int i, object? result, List<object> temps, List<IReleasableResult> toRelease)
    {
        _results[i] = result;
        if (result is IReleasableResult)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_refCounts, result, out _)++;
        }

        // Results of fused (inline) tasks: release unless the task returned them or something live holds them.
        foreach (object temp in temps)
        {
            if (!ReferenceEquals(temp, result) && !_refCounts.ContainsKey(temp) && !toRelease.Contains((IReleasableResult)temp))
            {
                toRelease.Add((IReleasableResult)temp);
            }
        }

        _completed++;
        CompiledGraph g = _g;
        for (int j = g.DependentStart[i]; j < g.DependentStart[i + 1]; j++)
        {
            int d = g.DependentIdx[j];
            if (--_remainingDeps[d] == 0)
            {
                _ready.Push(d);
            }
        }

        for (int j = g.DepStart[i]; j < g.DepStart[i + 1]; j++)
        {
            int p = g.DepIdx[j];
            if (--_remainingDependents[p] == 0 && !g.IsOutput[p])
            {
                DropLocked(p, toRelease);
            }
        }

        if (_completed == _results.Length || (_ready.Count > 0 && _idle > 0))
        {
            Monitor.PulseAll(_lock);
        }
    }

    private void DropLocked(int p, List<IReleasableResult> toRelease)
    {
        object? value = _results[p];
        _results[p] = null;
        if (value is IReleasableResult r)
        {
            ref int count = ref CollectionsMarshal.GetValueRefOrNullRef(_refCounts, value);
            if (--count == 0)
            {
                _refCounts.Remove(value);
                toRelease.Add(r);
            }
        }
    }

    private void FailLocked(int i, Exception error)
    {
        if (_error is null && !_stop)
        {
            _error = error as TaskFailedException ?? new TaskFailedException(_g.Tasks[i].Key, error);
        }

        _stop = true;
        Monitor.PulseAll(_lock);
    }

    private void Finish()
    {
        _registration.Dispose();
        if (_error is null && _completed == _results.Length)
        {
            var outputs = new object?[_g.Outputs.Length];
            for (int o = 0; o < outputs.Length; o++)
            {
                outputs[o] = _results[_g.Outputs[o]];
            }

            _done.TrySetResult(outputs);
            return;
        }

        // Failed or cancelled: nobody will see the held results, so give pooled memory back.
        var toRelease = new List<IReleasableResult>();
        foreach (object held in _refCounts.Keys)
        {
            if (!_pinned.Contains(held))
            {
                toRelease.Add((IReleasableResult)held);
            }
        }

        _refCounts.Clear();
        Array.Clear(_results);
        ReleaseAll(toRelease);
        if (_error is not null)
        {
            _done.TrySetException(_error);
        }
        else
        {
            _done.TrySetCanceled(_ct.IsCancellationRequested ? _ct : new CancellationToken(true));
        }
    }

    private static void ReleaseAll(List<IReleasableResult> toRelease)
    {
        foreach (IReleasableResult r in toRelease)
        {
            r.ReleaseResult();
        }

        toRelease.Clear();
    }
}
