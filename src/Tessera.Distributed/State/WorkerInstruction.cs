using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

/// <summary>What the worker state machine asks its host to do.</summary>
internal abstract record WorkerInstruction(string StimulusId);

/// <summary>Run a task on a free thread.</summary>
internal sealed record Execute(WorkerTask Task, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Fetch these keys from one peer in one request.</summary>
internal sealed record GatherDep(string Address, IReadOnlyList<string> Keys, long TotalBytes, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Drop these values from the store.</summary>
internal sealed record ReleaseData(IReadOnlyList<string> Keys, string StimulusId) : WorkerInstruction(StimulusId);

/// <summary>Send a message to the scheduler.</summary>
internal sealed record SendToScheduler(WorkerMessage Message, string StimulusId) : WorkerInstruction(StimulusId);
