namespace Tessera.Distributed.Memory;

/// <summary>The outcome of a process-memory reading: keys to spill (least recently used first) and a state change.</summary>
/// <param name="Spill">Keys to move to disk, oldest use first.</param>
/// <param name="Action">Pause, resume, terminate or nothing.</param>
internal readonly record struct MemoryCheck(IReadOnlyList<string> Spill, MemoryAction Action);
