namespace Tessera.IO.Hdf5;

/// <summary>
/// HDF5 files (and NetCDF-4 files, which are HDF5) for <see cref="DArray{T}"/>, through the pure .NET PureHDF:
/// <c>DArray.FromHdf5&lt;double&gt;(path, "group/x")</c>, <c>x.ToHdf5(path, "x")</c>.
/// </summary>
public static class Hdf5Extensions
{
    extension(DArray)
    {
        /// <summary>
        /// A lazy array over an HDF5 dataset (dask's <c>from_array(h5py_file[dataset])</c>), chunked or contiguous, compressed
        /// (deflate, shuffle) or not, in either byte order. Each block task opens the file and reads its own hyperslab, and a
        /// selection pushed down by the optimizer narrows that hyperslab.
        /// </summary>
        /// <param name="path">The HDF5 (or NetCDF-4) file.</param>
        /// <param name="dataset">The dataset's path in the file ("x", "group/x"; a NetCDF-4 variable's name).</param>
        /// <param name="chunks">
        /// The blocks; by default whole multiples of the dataset's stored chunks grown to about 128 MiB (so no stored chunk
        /// is decoded by two tasks), or "auto" (128 MiB) blocks for a contiguous dataset.
        /// </param>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">A truncated or corrupt file.</exception>
        /// <exception cref="KeyNotFoundException">No such dataset (the message lists those the file has).</exception>
        /// <exception cref="NotSupportedException">An element type Tessera has no type for (the message lists those it has).</exception>
        /// <exception cref="ArgumentException">The dataset's element type is not <typeparamref name="T"/>.</exception>
        public static DArray<T> FromHdf5<T>(string path, string dataset, ChunkSpec? chunks = null)
            where T : unmanaged
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentException.ThrowIfNullOrEmpty(dataset);
            string full = Path.GetFullPath(path);
            var info = Hdf5File.Describe(full, dataset);
            info.DType.Require<T>($"{full}:{dataset}", "FromHdf5");
            var spec = chunks ?? (info.Chunks is { } stored && info.Shape.Length > 0
                ? ChunkSpec.BlockShape(Hdf5Chunking.Blocks(info.Shape, stored, info.DType.Size))
                : ChunkSpec.Auto);
            var dtype = info.DType;
            return DArray.FromRegions<T>((offset, shape) => Hdf5File.ReadRegion<T>(full, dataset, offset, shape, dtype), info.Shape, spec, "from-hdf5");
        }
    }

    extension<T>(DArray<T> x)
        where T : unmanaged
    {
        /// <summary>
        /// Computes the array and writes it to a new HDF5 file as one chunked dataset (dask's <c>to_hdf5</c>), stored chunk =
        /// the array's block shape (rechunked to a regular grid if needed), readable by h5py as the same dtype (bool as h5py's
        /// enum). Blocks are computed in parallel and written by one writer in this process, one at a time. The file is
        /// written under a temporary name and renamed into place: an existing file is replaced whole (PureHDF writes new
        /// files only), and a failed write leaves no file claiming success.
        /// </summary>
        /// <param name="path">The file; replaced if it exists.</param>
        /// <param name="dataset">The dataset's path in the file ("x", "group/x").</param>
        /// <param name="options">Compression and shuffle; none by default.</param>
        /// <param name="cancellationToken">Cancels the computation.</param>
        public Task ToHdf5Async(string path, string dataset, Hdf5WriteOptions? options = null, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentException.ThrowIfNullOrEmpty(dataset);
            return Hdf5Writer.WriteAsync(x, path, dataset, options ?? new Hdf5WriteOptions(), cancellationToken);
        }

        /// <summary>Computes the array and writes it to a new HDF5 file; see <c>ToHdf5Async</c>.</summary>
        /// <param name="path">The file; replaced if it exists.</param>
        /// <param name="dataset">The dataset's path in the file ("x", "group/x").</param>
        /// <param name="options">Compression and shuffle; none by default.</param>
        public void ToHdf5(string path, string dataset, Hdf5WriteOptions? options = null) =>
            ToHdf5Async(x, path, dataset, options).GetAwaiter().GetResult();
    }
}
