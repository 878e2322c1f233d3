namespace Tessera.Distributed;

public abstract partial class Cluster
{
    /// <summary>A group that lived less than this is not replaced (it would fail again at once: bad options, no scheduler).</summary>
    /// <value>Default 2 s; tests lower it.</value>
    internal TimeSpan MinimumLifeForRestart { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Replaces a group whose workers died (killed, crashed, terminated past their memory limit) by reconciling once it
    /// exits, as Dask's nanny restarts its worker. Groups closed by the cluster itself are already gone from the list.
    /// </summary>
    private async Task ReplaceWhenExitedAsync(WorkerGroup group)
    {
        long started = TimeProvider.System.GetTimestamp();
        await group.Exited.ConfigureAwait(false);
        bool replace;
        lock (_gate)
        {
            replace = !_closed;
        }

        // A group retired on request is not replaced (the requested count already went down); reconciling only drops it.
        if (!replace || (!IsRetiredOnRequest(group) && TimeProvider.System.GetElapsedTime(started) < MinimumLifeForRestart))
        {
            return;
        }

        try
        {
            await ReconcileAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or SchedulerUnreachableException or OperationCanceledException)
        {
            // The replacement failed to start; the next Scale or a later exit tries again.
        }
    }
}
