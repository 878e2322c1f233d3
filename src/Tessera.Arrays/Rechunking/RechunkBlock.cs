namespace Tessera.Arrays;

/// <summary>How to assemble one new block of a rechunk from pieces of old blocks.</summary>
/// <param name="NewBlock">Index of the new block (one entry per axis).</param>
/// <param name="Sources">The pieces, in row-major order of their old block indices; together they tile the new block.</param>
internal sealed record RechunkBlock(int[] NewBlock, IReadOnlyList<RechunkSource> Sources);
