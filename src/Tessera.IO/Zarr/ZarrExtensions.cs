using Tessera.IO.Stores;

namespace Tessera.IO.Zarr;

/// <summary>
/// Zarr v2 and v3 for <see cref="DArray{T}"/> (dask's <c>da.from_zarr</c>, <c>to_zarr</c> and <c>store</c>):
/// <c>DArray.FromZarr&lt;T&gt;(path)</c> reads lazily, one task per chunk; <c>x.ToZarr(path)</c> writes in parallel,
/// one task per block, and writes the array's metadata last.
/// </summary>
public static class ZarrExtensions
{
    extension(DArray)
    {
        /// <summary>
        /// A lazy array over a Zarr array in a directory: shape, dtype and chunks come from its metadata (v2 .zarray or
        /// v3 zarr.json); each block is one chunk (one shard in a sharded v3 array), read by its own task, so a
        /// computation reads only the chunk files it needs, and of an uncompressed chunk only the bytes a selection
        /// needs. Missing chunks read as the fill value.
        /// </summary>
        /// <typeparam name="T">The element type; it must match the array's dtype (float64 ↔ double, int32 ↔ int …).</typeparam>
        /// <param name="path">The directory of the store.</param>
        /// <param name="arrayPath">The array's path inside the hierarchy (a group's member, "a/b"); null for the root.</param>
        public static DArray<T> FromZarr<T>(string path, string? arrayPath = null)
            where T : unmanaged => FromZarr<T>(new DirectoryStore(path, readOnly: true), arrayPath);

        /// <summary>A lazy array over a Zarr array in <paramref name="store"/> (see <see cref="FromZarr{T}(string, string?)"/>).</summary>
        /// <typeparam name="T">The element type; it must match the array's dtype.</typeparam>
        /// <param name="store">The store.</param>
        /// <param name="arrayPath">The array's path inside the hierarchy; null for the root.</param>
        public static DArray<T> FromZarr<T>(IStore store, string? arrayPath = null)
            where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(store);
            var meta = ZarrMetadataReader.Open(store, arrayPath);
            if (meta.DType.ClrType != typeof(T))
            {
                throw new ArgumentException(
                    $"FromZarr<{typeof(T).Name}>: the array at '{ZarrMetadataReader.Where(store, meta.MetadataKey)}' holds {meta.DType.Name} " +
                    $"({(meta.Format == 2 ? meta.DType.V2String : meta.DType.Name)}); call FromZarr<{meta.DType.ClrType.Name}> instead (then AsType<{typeof(T).Name}>() if needed).");
            }

            var io = new ZarrChunkIO<T>(store, meta);
            long[][] chunks = [.. meta.Shape.Select((n, a) => Sizes(n, meta.ChunkShape[a]))];
            // A region source: each block task reads its own chunk, and a selection pushed down narrows the read.
            return DArray.FromRegions<T>(io.ReadRegion, meta.Shape, ChunkSpec.PerAxis(chunks), "from-zarr");
        }

        /// <summary>
        /// Writes several arrays in one computation (dask's <c>da.store</c>): the chunk writes of all of them run as
        /// tasks of one graph, and each array's metadata is written once all its chunks are.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="sources">The arrays to write.</param>
        /// <param name="targets">For each source, the store directory it goes to.</param>
        /// <param name="options">For each source, how to write it (null entries, or a null list, take the defaults).</param>
        /// <param name="cancellationToken">Cancels the computation.</param>
        public static async Task StoreAsync<T>(IReadOnlyList<DArray<T>> sources, IReadOnlyList<string> targets, IReadOnlyList<ZarrWriteOptions?>? options = null, CancellationToken cancellationToken = default)
            where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(sources);
            ArgumentNullException.ThrowIfNull(targets);
            if (sources.Count != targets.Count || (options is not null && options.Count != sources.Count))
            {
                throw new ArgumentException($"DArray.Store: {sources.Count} sources, {targets.Count} targets and {options?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} options; give one target (and options) per source.", nameof(targets));
            }

            var plans = sources.Select((x, i) => ZarrWritePlan.Create(x, new DirectoryStore(targets[i]), options?[i])).ToList();
            await RunAsync(plans, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Writes several arrays in one computation (see <see cref="StoreAsync{T}"/>), blocking until done.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="sources">The arrays to write.</param>
        /// <param name="targets">For each source, the store directory it goes to.</param>
        /// <param name="options">For each source, how to write it.</param>
        public static void Store<T>(IReadOnlyList<DArray<T>> sources, IReadOnlyList<string> targets, IReadOnlyList<ZarrWriteOptions?>? options = null)
            where T : unmanaged => StoreAsync(sources, targets, options).GetAwaiter().GetResult();
    }

    extension<T>(DArray<T> x)
        where T : unmanaged
    {
        /// <summary>
        /// Writes the array to a Zarr store directory (dask's <c>to_zarr</c>): one task per block, in parallel on the
        /// current scheduler's workers, each writing whole chunks (so no locks); the metadata are written last, so a
        /// failed write never leaves metadata claiming a complete array.
        /// </summary>
        /// <param name="path">The store directory (created when absent).</param>
        /// <param name="options">Format, compressor, overwrite, region, rechunk, fill value, attributes; null for the defaults.</param>
        /// <param name="cancellationToken">Cancels the computation.</param>
        public Task ToZarrAsync(string path, ZarrWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            x.ToZarrAsync(new DirectoryStore(path), options, cancellationToken);

        /// <summary>Writes the array to <paramref name="store"/> (see ToZarrAsync with a path).</summary>
        /// <param name="store">The store.</param>
        /// <param name="options">How to write; null for the defaults.</param>
        /// <param name="cancellationToken">Cancels the computation.</param>
        public Task ToZarrAsync(IStore store, ZarrWriteOptions? options = null, CancellationToken cancellationToken = default) =>
            RunAsync([ZarrWritePlan.Create(x, store, options)], cancellationToken);

        /// <summary>Writes the array to a Zarr store directory, blocking until done (see ToZarrAsync with a path).</summary>
        /// <param name="path">The store directory.</param>
        /// <param name="options">How to write; null for the defaults.</param>
        public void ToZarr(string path, ZarrWriteOptions? options = null) => x.ToZarrAsync(path, options).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(List<ZarrWritePlan> plans, CancellationToken cancellationToken)
    {
        var all = plans.Count == 1 ? plans[0].Writes : DArray.Stack(plans.Select(p => p.Writes));
        await all.ComputeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var plan in plans)
        {
            plan.Commit();
        }
    }

    private static long[] Sizes(long n, long size)
    {
        if (n == 0)
        {
            return [0];
        }

        var sizes = new long[(n + size - 1) / size];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = Math.Min(size, n - (i * size));
        }

        return sizes;
    }
}
