using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.State;

/// <summary>What the scheduler state machine asks its host to send; hosts only do the I/O.</summary>
internal abstract record SchedulerInstruction(string StimulusId);

/// <summary>Send a task to a worker (the host adds function bytes and dependency locations).</summary>
internal sealed record ComputeOnWorker(SchedulerWorker Worker, SchedulerTask Task, bool KeepSmallValue, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A worker should drop these keys (results no one needs, or queued work that was cancelled).</summary>
internal sealed record FreeOnWorker(SchedulerWorker Worker, IReadOnlyList<string> Keys, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>Ask a worker to give back a task it has not started.</summary>
internal sealed record StealFromWorker(SchedulerWorker Worker, string Key, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A key a client wants is in memory.</summary>
internal sealed record TellClientInMemory(string ClientId, SchedulerTask Task, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A key a client wants failed (itself or through a dependency).</summary>
internal sealed record TellClientErred(string ClientId, string Key, string FailedKey, ErrorInfo Error, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A key a client wants was cancelled or lost beyond recovery.</summary>
internal sealed record TellClientCancelled(string ClientId, string Key, string Reason, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A worker should fetch a retiring worker's only copy of a result and keep it.</summary>
internal sealed record ReplicateOnWorker(SchedulerWorker Worker, SchedulerTask Task, string FromAddress, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A retiring worker may go: everything only it held now has another copy.</summary>
internal sealed record CloseOnWorker(SchedulerWorker Worker, string Reason, string StimulusId) : SchedulerInstruction(StimulusId);
