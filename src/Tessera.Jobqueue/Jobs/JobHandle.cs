namespace Tessera.Jobqueue;

/// <summary>A job this process submitted.</summary>
/// <param name="JobId">The batch system's id, e.g. "12".</param>
/// <param name="OutputLog">Full path of its output log, or null when the batch system picks it.</param>
/// <param name="ErrorLog">Full path of its error log, or null when the batch system picks it.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
public sealed record JobHandle(string JobId, string? OutputLog, string? ErrorLog, DateTimeOffset SubmittedAt);
