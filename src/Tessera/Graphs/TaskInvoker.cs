namespace Tessera.Graphs;

/// <summary>
/// A fast, non-reflective invoker: calls a task's function with materialised arguments (in order) and
/// returns its result boxed. The span is only valid during the call.
/// </summary>
/// <param name="args">The materialised arguments.</param>
public delegate object? TaskInvoker(ReadOnlySpan<object?> args);
