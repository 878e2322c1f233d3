namespace Tessera.Distributed;

/// <summary>Where a future stands, as Dask's <c>Future.status</c>.</summary>
public enum FutureStatus
{
    /// <summary>Not computed yet.</summary>
    Pending,

    /// <summary>The result is on the cluster.</summary>
    Finished,

    /// <summary>The task or one of its dependencies raised.</summary>
    Error,

    /// <summary>Cancelled by the client, or the client disconnected.</summary>
    Cancelled,
}
