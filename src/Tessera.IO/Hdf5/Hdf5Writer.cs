using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Tessera.IO.Hdf5;

/// <summary>h5py's boolean type: an HDF5 enum of int8 with members FALSE = 0 and TRUE = 1.</summary>
internal enum H5Bool : byte
{
    /// <summary>false.</summary>
    FALSE = 0,

    /// <summary>true.</summary>
    TRUE = 1,
}

/// <summary>
/// Writes a <see cref="DArray{T}"/> as one chunked dataset of a new HDF5 file. An HDF5 file has one writer: blocks are
/// computed in parallel (on the tasks' threads or the cluster's workers) and handed to this process, where one
/// PureHDF writer writes them one at a time under a lock, each as one stored chunk, encoded and written at once.
/// </summary>
internal static class Hdf5Writer
{
    public static async Task WriteAsync<T>(DArray<T> x, string path, string dataset, Hdf5WriteOptions options, CancellationToken cancellationToken)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (options.GzipLevel is not (0 or 1 or 9))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ToHdf5: gzip level {options.GzipLevel} is not supported; use 0 (none), 1 (fast) or 9 (small).");
        }

        string name = dataset.Trim('/');
        if (name.Length == 0 || name.Split('/').Any(part => part.Length == 0 || part is "." or ".."))
        {
            throw new ArgumentException($"ToHdf5: '{dataset}' is not a dataset path; give names separated by '/', such as 'x' or 'group/x'.", nameof(dataset));
        }

        // Refuses element types NumPy (and so h5py) has no dtype for, before anything is computed.
        _ = Npy.NpyDType.Of<T>();
        // One block per stored chunk: a regular grid of the largest block (Dask's to_hdf5 stores x.chunksize too).
        long[] blockShape = [.. Enumerable.Range(0, x.NDim).Select(a => Math.Max(1, x.Chunks[a].DefaultIfEmpty(1).Max()))];
        bool regular = Enumerable.Range(0, x.NDim).All(a => x.Chunks[a].Take(x.Chunks[a].Count - 1).All(c => c == blockShape[a]));
        var blocks = regular ? x : x.Rechunk(blockShape);
        long elements = blockShape.Aggregate(1L, (p, n) => p * n);
        if (elements > int.MaxValue || elements * DTypes.ItemSize<T>() > uint.MaxValue)
        {
            throw new ArgumentException(
                $"ToHdf5: blocks of shape ({string.Join(", ", blockShape)}) are larger than one HDF5 chunk may be (4 GiB, and 2^31 elements here); rechunk smaller.",
                nameof(x));
        }

        string full = Path.GetFullPath(path);
        string temp = AtomicFile.TempName(full);
        try
        {
            if (typeof(T) == typeof(bool))
            {
                await WriteCoreAsync<T, H5Bool>(blocks, temp, name, blockShape, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteCoreAsync<T, T>(blocks, temp, name, blockShape, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AtomicFile.TryDelete(temp);
            throw new IOException($"ToHdf5: cannot write {full}: {e.Message}", e);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }

        AtomicFile.Commit(temp, full, "ToHdf5");
    }

    private static async Task WriteCoreAsync<T, TStore>(DArray<T> x, string temp, string name, long[] blockShape, Hdf5WriteOptions options, CancellationToken cancellationToken)
        where T : unmanaged
        where TStore : unmanaged
    {
        var filters = new List<H5Filter>();
        if (options.Shuffle)
        {
            filters.Add(ShuffleFilter.Id);
        }

        if (options.GzipLevel != 0)
        {
            filters.Add(new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = options.GzipLevel }));
        }

        ulong[] dims = [.. x.Shape.Select(n => (ulong)n)];
        var creation = new H5DatasetCreation(new StreamingChunkCache(), filters);
        var data = x.NDim == 0
            ? new H5Dataset<Memory<TStore>>(dims, null, default)
            : new H5Dataset<Memory<TStore>>(dims, [.. blockShape.Select(n => (uint)n)], creation);
        var file = new H5File();
        var parts = name.Split('/');
        H5Group group = file;
        foreach (var part in parts[..^1])
        {
            var child = new H5Group();
            group[part] = child;
            group = child;
        }

        group[parts[^1]] = data;
        using var writer = file.BeginWrite(temp);
        var gate = new object();
        await x.ConsumeBlocksAsync(
            (block, where) => WriteBlock(writer, data, block, where, gate),
            cancellationToken).ConfigureAwait(false);
    }

    private static unsafe void WriteBlock<T, TStore>(H5NativeWriter writer, H5Dataset<Memory<TStore>> data, NDArray<T> block, BlockInfo where, object gate)
        where T : unmanaged
        where TStore : unmanaged
    {
        using var dense = block.IsContiguous ? block.Slice() : block.Copy();
        using var memory = new NativeMemoryManager<TStore>((TStore*)dense.Pointer, (int)dense.Size);
        Selection selection = where.Offset.Length == 0
            ? new AllSelection()
            : new HyperslabSelection(where.Offset.Length, [.. where.Offset.Select(o => (ulong)o)], [.. where.Shape.Select(n => (ulong)n)]);
        lock (gate)
        {
            writer.Write(data, memory.Memory, fileSelection: selection);
        }

        GC.KeepAlive(dense);
    }
}
