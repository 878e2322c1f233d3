namespace Tessera;

/// <summary>
/// Asks Tessera.Generators (at build time) for the <c>Call</c> overloads of the marked partial class: for each
/// arity up to <see cref="MaxArity"/>, one overload per mix of plain and <see cref="Delayed{T}"/> arguments.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class GenerateCallOverloadsAttribute : Attribute
{
    public GenerateCallOverloadsAttribute(int maxArity) => MaxArity = maxArity;

    /// <summary>The largest number of arguments a generated overload takes.</summary>
    public int MaxArity { get; }
}
