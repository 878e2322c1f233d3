namespace Tessera.Distributed;

public abstract partial class Cluster
{
    /// <summary>Waits until the requested workers (rounded up to whole groups) are connected and no others (a leaving group's workers count until they retire), failing early when a group dies.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">They did not all connect within <see cref="WorkerStartTimeout"/>; the message says where the logs are.</exception>
    public async Task WaitForWorkersAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WorkerStartTimeout);
        while (true)
        {
            Task changed = _scheduler!.Core.NextWorkersChange();
            int expected = (RequestedWorkers + WorkersPerGroup - 1) / WorkersPerGroup * WorkersPerGroup;
            if (Workers.Count == expected)
            {
                return;
            }

            WorkerGroup? dead = Groups.FirstOrDefault(static g => g.HasExited && !g.IsLeaving);
            if (dead is not null)
            {
                throw new InvalidOperationException($"Worker group {dead.Name} ended before its workers joined the scheduler at {SchedulerAddress}. {dead.Describe()}");
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(250), timeout.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Re-check group liveness; process exits do not change the scheduler.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Only {Workers.Count} of {RequestedWorkers} workers joined the scheduler at {SchedulerAddress} within {WorkerStartTimeout.TotalSeconds:0} s. " +
                    string.Join(" ", Groups.Select(static g => g.Describe())));
            }
        }
    }
}
