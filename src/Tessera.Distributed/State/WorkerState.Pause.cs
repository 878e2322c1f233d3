namespace Tessera.Distributed.State;

internal sealed partial class WorkerState
{
    /// <summary>Paused for memory: no task starts and no fetch starts; those running or in flight finish.</summary>
    public bool Paused { get; private set; }

    /// <summary>Bytes of fetches in flight (requested and not finished).</summary>
    public long InFlightBytes => _inFlightBytes;

    /// <summary>Fetches in flight.</summary>
    public int InFlightGathers => _gathers;

    /// <summary>The worker's memory monitor paused or resumed it; on resume, queued tasks and fetches start.</summary>
    public List<WorkerInstruction> HandlePause(bool paused, string sid)
    {
        _out.Clear();
        bool resumed = Paused && !paused;
        Paused = paused;
        if (resumed)
        {
            Schedule(sid);
        }

        return Take();
    }
}
