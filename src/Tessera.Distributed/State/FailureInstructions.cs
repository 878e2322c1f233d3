namespace Tessera.Distributed.State;

/// <summary>A worker left: every client is told who, where and why.</summary>
/// <param name="Name">The worker's name.</param>
/// <param name="Address">Its data address.</param>
/// <param name="Reason">Why it left, in words.</param>
/// <param name="Expected">True when it left on purpose (retired, closed); false when it died or was terminated.</param>
/// <param name="StimulusId">Traces the event.</param>
internal sealed record TellClientsWorkerLost(string Name, string Address, string Reason, bool Expected, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>The answer to a client's retire request: the workers retired, or why none was.</summary>
/// <param name="ClientId">Who asked.</param>
/// <param name="RequestId">The request's id.</param>
/// <param name="Names">The workers retired (empty with an error).</param>
/// <param name="Error">Null on success.</param>
/// <param name="StimulusId">Traces the event.</param>
internal sealed record TellClientRetired(string ClientId, string RequestId, IReadOnlyList<string> Names, string? Error, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>Workers were asked to retire by a client: a cluster must not replace them.</summary>
/// <param name="Names">The workers' names.</param>
/// <param name="StimulusId">Traces the event.</param>
internal sealed record WorkersRetiringOnRequest(IReadOnlyList<string> Names, string StimulusId) : SchedulerInstruction(StimulusId);
