using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>Starts computing a delayed value on the cluster and returns its future (Dask's <c>client.compute</c>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The lazy value.</param>
    public Future<T> Compute<T>(Delayed<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string key = Submit(value.Graph, [value.Key])[0];
        return NewFuture<T>(key);
    }

    /// <summary>Runs <paramref name="function"/> on a worker.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure; its captures ship with it.</param>
    public Future<TResult> Submit<TResult>(Func<TResult> function) => Compute(Delayed.Call(function));

    /// <summary>Runs <paramref name="function"/> on a worker with one argument (a value or a <see cref="Delayed{T}"/>).</summary>
    /// <typeparam name="T1">The argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure; its captures ship with it.</param>
    /// <param name="arg1">The argument.</param>
    public Future<TResult> Submit<T1, TResult>(Func<T1, TResult> function, T1 arg1) => Compute(Delayed.Call(function, arg1));

    /// <summary>Runs <paramref name="function"/> on a worker with two arguments.</summary>
    /// <typeparam name="T1">The first argument type.</typeparam>
    /// <typeparam name="T2">The second argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    public Future<TResult> Submit<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) => Compute(Delayed.Call(function, arg1, arg2));

    /// <summary>Runs <paramref name="function"/> over each item, one task per item (Dask's <c>client.map</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="items">The inputs.</param>
    public IReadOnlyList<Future<TResult>> Map<T, TResult>(Func<T, TResult> function, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return MapCalls(items.Select(i => Delayed.Call(function, i)).ToArray());
    }

    private Future<TResult>[] MapCalls<TResult>(Delayed<TResult>[] calls)
    {
        if (calls.Length == 0)
        {
            return [];
        }

        Submit(Delayed.BuildGraph(calls), calls.Select(static c => c.Key).ToArray());
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var futures = new Future<TResult>[calls.Length];
        for (int i = 0; i < calls.Length; i++)
        {
            string k = KeyCodec.ToWire(calls[i].Key);
            // Equal inputs give equal keys: each future holds the key once.
            futures[i] = NewFuture<TResult>(k, held: byKey.TryAdd(k, i));
        }

        return futures;
    }

    /// <summary>Waits for futures and brings their results here, in order.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="futures">Futures of this client.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<T[]> GatherAsync<T>(IEnumerable<Future<T>> futures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        Task<T>[] all = futures.Select(f => ReferenceEquals(f.Client, this) ? f.ResultAsync(cancellationToken) : throw new ArgumentException($"Future {f.Key} belongs to another client.", nameof(futures))).ToArray();
        return await Task.WhenAll(all).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a value to a worker and returns a future for it, so tasks can use it without shipping it each time. As in
    /// Dask, the scheduler keeps no copy once a worker holds it: if the workers holding it are lost, the future and the
    /// unfinished futures computed from it fail with <see cref="ScatteredDataLostException"/> (nothing is recomputed).
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value (NDArrays, arrays, user types...).</param>
    public Future<T> Scatter<T>(T value)
    {
        var key = new Key("scatter-" + Guid.NewGuid().ToString("N"));
        var graph = new TaskGraph(new Layer(key.Name, [TaskSpec.FromValue(key, value)]));
        string k = Submit(graph, [key], scattered: true)[0];
        return NewFuture<T>(k, held: true);
    }

    /// <summary>Yields futures as they finish (Dask's <c>as_completed</c>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="futures">Futures of this client.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public static async IAsyncEnumerable<Future<T>> AsCompleted<T>(IEnumerable<Future<T>> futures, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        Future<T>[] all = futures.ToArray();
        var done = Channel.CreateUnbounded<Future<T>>();
        foreach (Future<T> f in all)
        {
            _ = f.WaitAsync(cancellationToken).ContinueWith(_ => done.Writer.TryWrite(f), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        for (int i = 0; i < all.Length; i++)
        {
            yield return await done.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Future<T> NewFuture<T>(string key, bool held = true)
    {
        if (!held)
        {
            Hold([key]);
        }

        lock (_gate)
        {
            return new Future<T>(this, key, _waiters[key].Outcome.Task);
        }
    }
}
