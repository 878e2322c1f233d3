namespace Tessera.Distributed;

/// <summary>The memory line of the client's and the cluster's repr, summed over workers (as Dask's memory bars).</summary>
internal static class WorkerMemorySummary
{
    /// <summary>E.g. <c>managed 1.20 GiB, unmanaged 300.00 MiB of a 4.00 GiB limit, spilled 2.00 GiB, 1 paused</c>.</summary>
    public static string Of(IReadOnlyList<WorkerDescription> workers)
    {
        string text = $"managed {ByteFormat.FormatBytes(workers.Sum(static w => w.Managed))}, unmanaged {ByteFormat.FormatBytes(workers.Sum(static w => w.Unmanaged))} "
            + $"of a {ByteFormat.FormatBytes(workers.Sum(static w => w.MemoryLimit))} limit, spilled {ByteFormat.FormatBytes(workers.Sum(static w => w.Spilled))}";
        int paused = workers.Count(static w => w.Paused);
        return paused > 0 ? text + $", {paused} paused" : text;
    }
}
