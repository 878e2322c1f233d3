namespace Tessera.Arrays.Expressions;

/// <summary>
/// The function an elementwise node applies to its input blocks, with a name for its layer and a
/// description that makes its token deterministic (the same operation gives the same keys).
/// </summary>
internal sealed class BlockKernel(string name, string description, Func<object[], object> apply)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public Func<object[], object> Apply { get; } = apply;
}
