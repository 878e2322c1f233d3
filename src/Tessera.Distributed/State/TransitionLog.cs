namespace Tessera.Distributed.State;

/// <summary>A bounded ring of recent transitions (key, from, to, stimulus, time) for tracing and tests.</summary>
internal sealed class TransitionLog(int capacity)
{
    private readonly (string Key, SchedulerTaskState From, SchedulerTaskState To, string Stimulus, DateTimeOffset At)[] _ring = new (string, SchedulerTaskState, SchedulerTaskState, string, DateTimeOffset)[capacity];
    private long _count;

    public long Count => _count;

    public void Add(string key, SchedulerTaskState from, SchedulerTaskState to, string stimulus, DateTimeOffset at) =>
        _ring[_count++ % _ring.Length] = (key, from, to, stimulus, at);

    /// <summary>The retained transitions of one key, oldest first.</summary>
    public IEnumerable<(SchedulerTaskState From, SchedulerTaskState To, string Stimulus)> Story(string key)
    {
        long start = Math.Max(0, _count - _ring.Length);
        for (long i = start; i < _count; i++)
        {
            var e = _ring[i % _ring.Length];
            if (e.Key == key)
            {
                yield return (e.From, e.To, e.Stimulus);
            }
        }
    }
}
