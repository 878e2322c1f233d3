namespace Tessera.Arrays;

/// <summary>A node of a graph to draw: one piece of data, optionally produced by a task.</summary>
/// <param name="Key">Unique key of the data (e.g. "sum-ab12-(0, 1)").</param>
/// <param name="Label">Text shown in the data box; usually a short form of the key.</param>
/// <param name="Dependencies">Keys of the data the producing task reads (empty for sources).</param>
/// <param name="TaskLabel">Name of the producing function, drawn as a circle feeding the box; null for plain data.</param>
internal sealed record DotNode(string Key, string Label, IReadOnlyList<string> Dependencies, string? TaskLabel = null);
