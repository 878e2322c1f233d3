namespace Tessera.Distributed.State;

/// <summary>A task as a client submits it in a graph update.</summary>
internal sealed record NewTask(string Key, string FunctionId, byte[] Args, IReadOnlyList<string> Dependencies, long[] Priority, bool Scattered = false);
