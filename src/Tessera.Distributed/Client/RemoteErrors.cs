using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

/// <summary>Turns the scheduler's report of a failed key into the exception a future raises.</summary>
internal static class RemoteErrors
{
    private static readonly string KilledWorkerType = typeof(KilledWorkerException).FullName!;

    public static Exception From(string key, KeyErred erred) =>
        erred.Error.ExceptionType == State.SchedulerState.ScatteredLostType ? new ScatteredDataLostException(key, erred.FailedKey, erred.Error)
        : erred.Error.ExceptionType == KilledWorkerType ? new KilledWorkerException(key, erred.FailedKey, erred.Error)
        : new RemoteTaskException(key, erred.FailedKey, erred.Error);
}
