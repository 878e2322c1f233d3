namespace Tessera.Graphs;

/// <summary>What a <see cref="TaskArg"/> holds.</summary>
public enum TaskArgKind
{
    /// <summary>A literal value passed to the function as is.</summary>
    Literal,

    /// <summary>A reference to another task's result, by <see cref="Graphs.Key"/>.</summary>
    Ref,

    /// <summary>A list of arguments, materialised as an <c>object?[]</c> when the task runs.</summary>
    List,

    /// <summary>A nested task evaluated in place (produced by fusion); its result is passed to the function.</summary>
    Inline,
}
