namespace Tessera.Distributed.Hardening;

/// <summary>
/// Timers whose callback can never take the process down: an exception escaping a timer callback ends a .NET
/// process, so each tick runs inside a handler that logs the failure (with what the timer does) and lets the
/// next tick run.
/// </summary>
internal static class GuardedTimer
{
    /// <summary>Where failures are logged when the caller gives no log: standard error.</summary>
    public static void DefaultLog(string line)
    {
        try
        {
            Console.Error.WriteLine(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nowhere left to report to; the timer still goes on.
        }
    }

    /// <summary>Creates a timer on <paramref name="time"/> that runs <paramref name="tick"/> with <paramref name="state"/>.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="what">What the timer does, for the log line (e.g. "scheduler work stealing").</param>
    /// <param name="tick">The callback.</param>
    /// <param name="state">Its argument.</param>
    /// <param name="dueTime">First tick.</param>
    /// <param name="period">Between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
    /// <param name="log">Where a failure is logged; null for standard error.</param>
    public static ITimer Create<T>(TimeProvider time, string what, Action<T> tick, T state, TimeSpan dueTime, TimeSpan period, Action<string>? log = null)
        where T : class
    {
        var guarded = new Guarded<T>(what, tick, state, log ?? DefaultLog);
        return time.CreateTimer(static s => ((Guarded<T>)s!).Run(), guarded, dueTime, period);
    }

    private sealed class Guarded<T>(string what, Action<T> tick, T state, Action<string> log)
    {
        private long _failures;

        public void Run()
        {
            try
            {
                tick(state);
            }
            catch (Exception e)
            {
                long n = Interlocked.Increment(ref _failures);

                // Log the first failures in full, then one line in a thousand, so a failure on every tick cannot flood the log.
                if (n <= 10 || n % 1000 == 0)
                {
                    log($"tessera: {what} failed (failure {n}); it runs again at the next tick: {e}");
                }
            }
        }
    }
}
