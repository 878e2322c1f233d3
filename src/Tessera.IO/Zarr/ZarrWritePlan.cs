using Tessera.IO.Stores;

namespace Tessera.IO.Zarr;

/// <summary>
/// One array's write, planned before anything runs: the lazy array of per-block write tasks (one per block, each
/// writing the chunks its block covers) and the metadata to commit once all of them have succeeded.
/// </summary>
internal sealed class ZarrWritePlan
{
    private readonly IStore _store;
    private readonly ZarrMetadata? _commit;

    private ZarrWritePlan(IStore store, DArray<long> writes, ZarrMetadata? commit)
    {
        _store = store;
        Writes = writes;
        _commit = commit;
    }

    /// <summary>One element per block (1 when written), summed to a scalar; computing it writes the chunks.</summary>
    public DArray<long> Writes { get; }

    /// <summary>Plans writing <paramref name="x"/> into <paramref name="store"/>: checks everything that can be checked now and prepares the target.</summary>
    public static ZarrWritePlan Create<T>(DArray<T> x, IStore store, ZarrWriteOptions? options)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ZarrWriteOptions();
        if (store.IsReadOnly)
        {
            throw new ReadOnlyStoreException($"ToZarr: the store at '{store.Location}' was opened read-only; open it writable to write an array.");
        }

        return options.RegionStart is null ? CreateNew(x, store, options) : CreateRegion(x, store, options);
    }

    private static ZarrWritePlan CreateNew<T>(DArray<T> x, IStore store, ZarrWriteOptions options)
        where T : unmanaged
    {
        var chunks = x.Chunks;
        var chunkShape = new int[x.NDim];
        for (int a = 0; a < x.NDim; a++)
        {
            var sizes = chunks[a];
            long first = Math.Max(1, sizes[0]);
            bool regular = sizes.Take(sizes.Count - 1).All(s => s == first) && sizes[^1] <= first;
            if (!regular && !options.Rechunk)
            {
                throw new ArgumentException(
                    $"ToZarr: the blocks along axis {a} ({string.Join(", ", sizes.Take(8))}{(sizes.Count > 8 ? ", …" : "")}) are not of one size (the last may be smaller), " +
                    "so they cannot each be whole Zarr chunks. Rechunk first, or pass Rechunk = true to rechunk to the first block size.", nameof(x));
            }

            chunkShape[a] = checked((int)first);
        }

        if (options.Rechunk && !chunks.Equals(new Chunks(x.Shape.Select((n, a) => Regular(n, chunkShape[a])))))
        {
            x = x.Rechunk([.. chunkShape.Select(c => (long)c)]);
        }

        var meta = ZarrMetadataWriter.Create<T>([.. x.Shape], chunkShape, options);
        string prefix = meta.Prefix;
        bool exists = store.Exists(prefix + ".zarray") || store.Exists(prefix + "zarr.json") || store.Exists(prefix + ".zgroup");
        if (exists && !options.Overwrite)
        {
            throw new IOException($"ToZarr: an array or group already exists at '{ZarrMetadataReader.Where(store, prefix)}'; pass Overwrite = true to replace it, or RegionStart to write into an array.");
        }

        if (exists)
        {
            // The old metadata go first: if the write fails, nothing claims the half-replaced array is whole.
            store.Delete(prefix + ".zarray");
            store.Delete(prefix + "zarr.json");
            store.Delete(prefix + ".zattrs");
            store.DeletePrefix(prefix);
        }

        CreateParentGroups(store, prefix, options.ZarrFormat);
        return new ZarrWritePlan(store, WriteTasks(x, new ZarrChunkIO<T>(store, meta), new long[x.NDim]), meta);
    }

    private static ZarrWritePlan CreateRegion<T>(DArray<T> x, IStore store, ZarrWriteOptions options)
        where T : unmanaged
    {
        var meta = ZarrMetadataReader.Open(store, options.ArrayPath);
        string where = ZarrMetadataReader.Where(store, meta.MetadataKey);
        if (meta.DType.ClrType != typeof(T))
        {
            throw new ArgumentException($"ToZarr: the array at '{where}' holds {meta.DType.Name}, but a DArray<{typeof(T).Name}> was given; convert it with AsType<{meta.DType.ClrType.Name}>() first.", nameof(x));
        }

        long[] start = options.RegionStart!;
        if (start.Length != meta.Shape.Length || x.NDim != meta.Shape.Length)
        {
            throw new ArgumentException($"ToZarr: the region start has {start.Length} axes and the array written {x.NDim}, but the array at '{where}' has {meta.Shape.Length}.", nameof(options));
        }

        for (int a = 0; a < start.Length; a++)
        {
            if (start[a] < 0 || start[a] + x.Shape[a] > meta.Shape[a])
            {
                throw new ArgumentOutOfRangeException(nameof(options),
                    $"ToZarr: the region [{string.Join(", ", start.Select((s, i) => $"{s}:{s + x.Shape[i]}"))}] is out of bounds of the array at '{where}', of shape ({string.Join(", ", meta.Shape)}).");
            }
        }

        if (Misaligned(x, start, meta) is { } problem)
        {
            bool startAligned = start.Select((s, a) => s % meta.ChunkShape[a] == 0).All(b => b);
            if (!options.Rechunk || !startAligned)
            {
                throw new ArgumentException(
                    $"ToZarr: {problem} of the array at '{where}' (chunks ({string.Join(", ", meta.ChunkShape)})): two tasks would write the same chunk. " +
                    (startAligned ? "Rechunk to the array's chunks, or pass Rechunk = true." : "Start the region on a chunk boundary."), nameof(x));
            }

            x = x.Rechunk([.. x.Shape.Select((n, a) => Math.Max(1, Math.Min(n, meta.ChunkShape[a])))]);
        }

        return new ZarrWritePlan(store, WriteTasks(x, new ZarrChunkIO<T>(store, meta), start), null);
    }

    private static string? Misaligned<T>(DArray<T> x, long[] start, ZarrMetadata meta)
        where T : unmanaged
    {
        var chunks = x.Chunks;
        for (int a = 0; a < x.NDim; a++)
        {
            var offsets = chunks.Offsets(a);
            for (int b = 0; b < offsets.Count; b++)
            {
                long at = start[a] + offsets[b];
                if (at % meta.ChunkShape[a] != 0 && at != meta.Shape[a])
                {
                    return $"the block edge at index {at} along axis {a} is not on a chunk boundary";
                }
            }
        }

        return null;
    }

    private static IEnumerable<long> Regular(long n, long size)
    {
        for (long at = 0; at < n; at += size)
        {
            yield return Math.Min(size, n - at);
        }
    }

    private static DArray<long> WriteTasks<T>(DArray<T> x, ZarrChunkIO<T> io, long[] start)
        where T : unmanaged
    {
        int ndim = x.NDim;
        long[][] ones = [.. Enumerable.Range(0, ndim).Select(a => Enumerable.Repeat(1L, x.NumBlocks[a]).ToArray())];
        var written = x.MapBlocks((block, info) =>
        {
            var at = new long[info.Offset.Length];
            for (int a = 0; a < at.Length; a++)
            {
                at[a] = start[a] + info.Offset[a];
            }

            io.WriteBlock(block, at);
            return NDArray.Full(1L, [.. Enumerable.Repeat(1L, info.Offset.Length)]);
        }, ones);
        return written.Sum();
    }

    private static void CreateParentGroups(IStore store, string prefix, int format)
    {
        var parts = prefix.TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group = "";
        for (int i = 0; i < parts.Length; i++)
        {
            string key = group + (format == 2 ? ".zgroup" : "zarr.json");
            if (!store.Exists(key))
            {
                store.Set(key, ZarrMetadataWriter.GroupJson(format));
            }

            group += parts[i] + "/";
        }
    }

    /// <summary>Writes the metadata once every chunk is written (attributes first, the array's metadata file last).</summary>
    public void Commit()
    {
        if (_commit is null)
        {
            return;
        }

        if (ZarrMetadataWriter.AttributesJson(_commit) is { } attrs)
        {
            _store.Set(_commit.Prefix + ".zattrs", attrs);
        }

        _store.Set(_commit.MetadataKey, ZarrMetadataWriter.MetadataJson(_commit));
    }
}
