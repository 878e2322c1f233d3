namespace Tessera.Distributed.Memory;

/// <summary>What a worker must do after a process-memory reading (besides spilling).</summary>
internal enum MemoryAction
{
    /// <summary>Nothing changes.</summary>
    None,

    /// <summary>Stop starting tasks and fetches: process memory passed the pause threshold.</summary>
    Pause,

    /// <summary>Start tasks and fetches again: process memory fell below the resume level.</summary>
    Resume,

    /// <summary>Exit the process: memory passed the terminate threshold.</summary>
    Terminate,
}
