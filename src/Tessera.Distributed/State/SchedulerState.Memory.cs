namespace Tessera.Distributed.State;

internal sealed partial class SchedulerState
{
    /// <summary>
    /// The holders of <paramref name="task"/> in the order a worker or client should try them: those not paused for
    /// memory first (a paused worker sends one transfer at a time), the paused ones last rather than never, since they
    /// may hold the only copy. The order within each group is kept.
    /// </summary>
    public static IEnumerable<SchedulerWorker> FetchOrder(SchedulerTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.WhoHas.Where(static w => !w.Paused).Concat(task.WhoHas.Where(static w => w.Paused));
    }
}
