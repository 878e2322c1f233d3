namespace Tessera.Cli.Demos;

/// <summary>The sizes of the facets demo.</summary>
/// <param name="Size">Side of each facet, in elements (default 16384).</param>
/// <param name="Facets">Number of facets (default 10).</param>
/// <param name="Chunk">Side of the rechunked blocks, in elements (default 4096).</param>
/// <param name="Threads">Threads of the in-process scheduler.</param>
/// <param name="Full">Whether to compute the full 2-D sum as well as row 0.</param>
internal sealed record FacetsDemoOptions(long Size, int Facets, long Chunk, int Threads, bool Full);
