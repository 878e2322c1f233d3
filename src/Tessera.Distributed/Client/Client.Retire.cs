using System.Globalization;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private readonly Dictionary<string, TaskCompletionSource<WorkersRetired>> _retireRequests = new(StringComparer.Ordinal);
    private long _nextRetire;

    /// <summary>
    /// Retires workers gracefully (Dask's <c>client.retire_workers(workers=[...])</c>): each takes no new work, the
    /// results only it holds are copied to the other workers, then it closes; nothing is recomputed. A cluster does not
    /// replace workers retired this way: its requested worker count goes down.
    /// </summary>
    /// <param name="workers">Worker names or data addresses (<c>tcp://host:port</c>), as in <see cref="Workers"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (the retirement goes on).</param>
    /// <returns>The names of the workers retired, once they have all left.</returns>
    /// <exception cref="InvalidOperationException">A name is unknown, or retiring them would lose results that no other worker could take; nothing was retired.</exception>
    public Task<IReadOnlyList<string>> RetireWorkersAsync(IEnumerable<string> workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var request = new RetireWorkers();
        request.Workers.AddRange(workers);
        return RetireCoreAsync(request, cancellationToken);
    }

    /// <summary>
    /// Retires <paramref name="n"/> workers chosen by the scheduler, those holding the least data first (Dask's
    /// <c>client.retire_workers(n=...)</c>); see <see cref="RetireWorkersAsync(IEnumerable{string}, CancellationToken)"/>.
    /// </summary>
    /// <param name="n">How many workers to retire (fewer if fewer are connected).</param>
    /// <param name="cancellationToken">Cancels the wait (the retirement goes on).</param>
    /// <returns>The names of the workers retired, once they have all left.</returns>
    /// <exception cref="InvalidOperationException">Retiring them would lose results that no other worker could take; nothing was retired.</exception>
    public Task<IReadOnlyList<string>> RetireWorkersAsync(int n, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return RetireCoreAsync(new RetireWorkers { N = n }, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> RetireCoreAsync(RetireWorkers request, CancellationToken ct)
    {
        request.RequestId = "retire-" + Interlocked.Increment(ref _nextRetire).ToString(CultureInfo.InvariantCulture);
        request.StimulusId = NextStimulus("retire-workers");
        var reply = new TaskCompletionSource<WorkersRetired>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_broken is not null)
            {
                throw _broken;
            }

            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _retireRequests.Add(request.RequestId, reply);
        }

        _outbox.Send(new ClientMessage { RetireWorkers = request });
        WorkersRetired answer;
        try
        {
            answer = await reply.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _retireRequests.Remove(request.RequestId);
            }
        }

        return answer.Error.Length > 0 ? throw new InvalidOperationException(answer.Error) : [.. answer.Names];
    }

    private void OnWorkersRetired(WorkersRetired m)
    {
        TaskCompletionSource<WorkersRetired>? reply;
        lock (_gate)
        {
            reply = _retireRequests.GetValueOrDefault(m.RequestId);
        }

        reply?.TrySetResult(m);
    }

    /// <summary>The connection broke: pending retire requests fail with the same error (called under the lock).</summary>
    private void FailRetireRequests(Exception e)
    {
        foreach (TaskCompletionSource<WorkersRetired> r in _retireRequests.Values)
        {
            r.TrySetException(e);
        }
    }
}
