namespace Tessera.Jobqueue;

/// <summary>What a <see cref="JobWorkerGroup"/> tells its cluster, and the clock it measures with.</summary>
/// <param name="Ended">Called once when the job ends or fails to start.</param>
/// <param name="Leaving">Called once when the job starts leaving (its workers' lifetime ends within the replacement lead).</param>
/// <param name="Connected">Whether a worker of the job is connected now (polled while it runs).</param>
/// <param name="Time">Clock for the pending timeout, the time running and the polling.</param>
internal sealed record JobGroupHooks(Action<JobWorkerGroup> Ended, Action<JobWorkerGroup> Leaving, Func<JobWorkerGroup, bool> Connected, TimeProvider Time);
