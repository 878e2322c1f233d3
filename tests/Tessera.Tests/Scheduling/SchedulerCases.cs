using Tessera.Scheduling;

namespace Tessera.Tests.Scheduling;

public static class SchedulerCases
{
    public static TheoryData<string> Names => ["sync", "threaded1", "threaded4", "sync-nofuse", "threaded-nofuse"];

    public static IScheduler Create(string name) => name switch
    {
        "sync" => new SynchronousScheduler(),
        "sync-nofuse" => new SynchronousScheduler { Fuse = false },
        "threaded1" => new ThreadedScheduler(1),
        "threaded4" => new ThreadedScheduler(4),
        "threaded-nofuse" => new ThreadedScheduler(3) { Fuse = false },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
