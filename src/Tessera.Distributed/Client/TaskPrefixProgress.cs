namespace Tessera.Distributed;

/// <summary>Progress of one kind of task (a task prefix such as <c>MyF</c> or <c>sum</c>) submitted by a client.</summary>
/// <param name="Prefix">The task prefix.</param>
/// <param name="Total">Tasks submitted.</param>
/// <param name="Done">Tasks finished.</param>
/// <param name="Erred">Tasks failed.</param>
public sealed record TaskPrefixProgress(string Prefix, long Total, long Done, long Erred);
