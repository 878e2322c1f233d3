namespace Tessera.Arrays.Expressions;

/// <summary>The associative reductions that run as trees of partial results.</summary>
internal enum ReductionKind
{
    Sum,
    Prod,
    Min,
    Max,
    Any,
    All,
}
