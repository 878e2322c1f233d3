namespace Tessera.Cli.Demos;

/// <summary>Options of <c>tessera demo facets</c>.</summary>
/// <param name="Size">Side of each facet image, in elements.</param>
/// <param name="Facets">Number of facets.</param>
/// <param name="Chunk">Side of the rechunked blocks.</param>
/// <param name="Threads">Threads of an in-process scheduler; null to run on a LocalCluster.</param>
/// <param name="Full">Also compute the full sum.</param>
/// <param name="Workers">LocalCluster workers (null: Dask's default).</param>
/// <param name="ThreadsPerWorker">LocalCluster threads per worker (null: Dask's default).</param>
/// <param name="MemoryLimit">LocalCluster memory limit per worker.</param>
/// <param name="Slurm">Run on a SlurmCluster with these options (NWorkers = jobs) instead of a LocalCluster; null for a LocalCluster.</param>
/// <param name="Zarr">A Zarr store directory: the facets are written there once, then read back from it; null computes them in memory.</param>
internal sealed record FacetsDemoOptions(long Size, int Facets, long Chunk, int? Threads, bool Full, int? Workers = null, int? ThreadsPerWorker = null, string MemoryLimit = "auto", Tessera.Jobqueue.SlurmClusterOptions? Slurm = null, string? Zarr = null);
