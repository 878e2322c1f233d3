using Microsoft.Extensions.Time.Testing;

namespace Tessera.Jobqueue.Tests.Clusters;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts its timers, so a test advances the clock only once every
/// poll loop waits on it (an advance before a loop's <c>Task.Delay</c> would be missed by that loop).
/// </summary>
internal sealed class ObservedTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider fake = new();
    private int created;
    private int fired;

    /// <summary>Timers created so far (one per <c>Task.Delay</c>).</summary>
    public int Created => Volatile.Read(ref created);

    /// <summary>Timers created and not fired: the loops waiting on the clock now.</summary>
    public int Waiting => Volatile.Read(ref created) - Volatile.Read(ref fired);

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public void Advance(TimeSpan delta) => fake.Advance(delta);

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = fake.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref fired);
                callback(s);
            },
            state,
            dueTime,
            period);
        Interlocked.Increment(ref created);
        return timer;
    }
}
