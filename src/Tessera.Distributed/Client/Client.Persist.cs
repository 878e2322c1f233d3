using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    /// <summary>
    /// Computes <paramref name="outputs"/> on the cluster and leaves them there (what <c>DArray.PersistAsync</c>
    /// and <c>Delayed.PersistAsync</c> call while this client is the scheduler): the returned handle holds
    /// the values on the workers until it is disposed or collected.
    /// </summary>
    /// <param name="graph">The tasks.</param>
    /// <param name="outputs">Keys to keep, in this order; may repeat.</param>
    /// <param name="cancellationToken">Cancels the wait and the keys' computation.</param>
    /// <returns>The held keys, once every one is computed.</returns>
    /// <exception cref="RemoteTaskException">A task raised on a worker (nothing is kept).</exception>
    public async Task<HeldKeys?> PersistAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        string[] keys = Submit(graph, outputs);
        var held = new ClientHeldKeys(this, outputs, keys);
        try
        {
            KeyWaiter[] waiters;
            lock (_gate)
            {
                waiters = keys.Select(k => _waiters[k]).ToArray();
            }

            foreach ((string key, KeyWaiter waiter) in keys.Zip(waiters))
            {
                SchedulerToClient outcome = await waiter.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (outcome.KindCase != SchedulerToClient.KindOneofCase.KeyInMemory)
                {
                    // Throws the task's error or the cancellation, as a compute would.
                    await ValueOfAsync(key, outcome, cancellationToken).ConfigureAwait(false);
                }
            }

            return held;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            held.Cancel();
            throw;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }
}
