using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>Runs <paramref name="function"/> on a worker with the result of a future, without bringing it here (Dask's <c>client.submit(f, future)</c>).</summary>
    /// <typeparam name="T1">The argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure; its captures ship with it.</param>
    /// <param name="arg1">A future of this client; the task waits for it and fails if it fails.</param>
    public Future<TResult> Submit<T1, TResult>(Func<T1, TResult> function, Future<T1> arg1) =>
        Compute(Delayed.Call(function, Own(arg1)));

    /// <summary>Runs <paramref name="function"/> on a worker with two futures' results.</summary>
    /// <typeparam name="T1">The first argument type.</typeparam>
    /// <typeparam name="T2">The second argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="arg1">A future of this client.</param>
    /// <param name="arg2">A future of this client.</param>
    public Future<TResult> Submit<T1, T2, TResult>(Func<T1, T2, TResult> function, Future<T1> arg1, Future<T2> arg2) =>
        Compute(Delayed.Call(function, Own(arg1), Own(arg2)));

    /// <summary>Runs <paramref name="function"/> on a worker with a future's result and a value.</summary>
    /// <typeparam name="T1">The first argument type.</typeparam>
    /// <typeparam name="T2">The second argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="arg1">A future of this client.</param>
    /// <param name="arg2">A value, shipped with the task.</param>
    public Future<TResult> Submit<T1, T2, TResult>(Func<T1, T2, TResult> function, Future<T1> arg1, T2 arg2) =>
        Compute(Delayed.Call(function, Own(arg1), arg2));

    /// <summary>Runs <paramref name="function"/> on a worker with a value and a future's result.</summary>
    /// <typeparam name="T1">The first argument type.</typeparam>
    /// <typeparam name="T2">The second argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="arg1">A value, shipped with the task.</param>
    /// <param name="arg2">A future of this client.</param>
    public Future<TResult> Submit<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, Future<T2> arg2) =>
        Compute(Delayed.Call(function, arg1, Own(arg2)));

    /// <summary>Runs <paramref name="function"/> over the results of futures, one task per future, none brought here (Dask's <c>client.map</c> over futures).</summary>
    /// <typeparam name="T">The futures' result type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="function">Static method, lambda or closure.</param>
    /// <param name="futures">Futures of this client.</param>
    public IReadOnlyList<Future<TResult>> Map<T, TResult>(Func<T, TResult> function, IEnumerable<Future<T>> futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        return MapCalls(futures.Select(f => Delayed.Call(function, Own(f))).ToArray());
    }

    /// <summary>A future of this client as a delayed argument, checked before anything is sent.</summary>
    private Delayed<T> Own<T>(Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        if (!ReferenceEquals(future.Client, this))
        {
            throw new ArgumentException($"Future {future.Key} belongs to another client: pass futures to the client that made them.", nameof(future));
        }

        return future.AsDelayed();
    }

    /// <summary>Whether this client holds <paramref name="wireKey"/> (a future or persisted value not yet released).</summary>
    private bool Holds(string wireKey)
    {
        lock (_gate)
        {
            return _waiters.ContainsKey(wireKey);
        }
    }

    private static string NotHeld(string wireKey) =>
        $"Key {KeyCodec.Display(wireKey)} is used by the graph as a value already on the cluster, but this client does not hold it: its future or persisted array was released or disposed, or it belongs to another client.";
}
