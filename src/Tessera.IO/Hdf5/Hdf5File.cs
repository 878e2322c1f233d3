using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Tessera.IO.Npy;

namespace Tessera.IO.Hdf5;

/// <summary>What a block task needs to know about a dataset: its shape, element type and stored chunking.</summary>
internal sealed record Hdf5DatasetInfo(long[] Shape, NpyDType DType, long[]? Chunks);

/// <summary>Reading HDF5 datasets through PureHDF: metadata, and any hyperslab into pooled memory.</summary>
internal static unsafe class Hdf5File
{
    /// <summary>The shape, dtype and chunking of <paramref name="dataset"/> in the file at <paramref name="path"/>.</summary>
    public static Hdf5DatasetInfo Describe(string path, string dataset)
    {
        try
        {
            return DescribeCore(path, dataset);
        }
        catch (Exception e) when (!IsOurs(e))
        {
            throw new InvalidDataException($"{path}: cannot read the HDF5 file (truncated or corrupt?): {e.Message}", e);
        }
    }

    /// <summary>Whether <paramref name="e"/> is an error this class raised on purpose, or one that already names the problem.</summary>
    private static bool IsOurs(Exception e) =>
        e is ArgumentException or KeyNotFoundException or NotSupportedException or UnauthorizedAccessException or (IOException and not EndOfStreamException);

    private static Hdf5DatasetInfo DescribeCore(string path, string dataset)
    {
        using var file = Open(path);
        var ds = Find(file, path, dataset);
        var shape = ds.Space.Dimensions.Select(d => (long)d).ToArray();
        long[]? chunks = ds.Layout.Class == H5DataLayoutClass.Chunked
            ? [.. ds.Layout.Chunks.Take(shape.Length).Select(c => (long)c)]
            : null;
        return new Hdf5DatasetInfo(shape, Hdf5DType.Of(ds, $"{path}:{dataset}"), chunks);
    }

    /// <summary>Reads the hyperslab (<paramref name="offset"/>, <paramref name="shape"/>) of a dataset into a new array.</summary>
    public static NDArray<T> ReadRegion<T>(string path, string dataset, long[] offset, long[] shape, NpyDType dtype)
        where T : unmanaged
    {
        var result = NDArray.Empty<T>(shape);
        try
        {
            if (result.Size == 0)
            {
                return result;
            }

            using var file = Open(path);
            var ds = (NativeDataset)Find(file, path, dataset);
            var dims = ds.Space.Dimensions;
            if (dims.Length != shape.Length || shape.Where((n, a) => offset[a] < 0 || offset[a] + n > (long)dims[a]).Any())
            {
                throw new ArgumentOutOfRangeException(
                    nameof(offset),
                    $"{path}:{dataset}: the region at {NpyHeader.PyTuple(offset)} of shape {NpyHeader.PyTuple(shape)} lies outside the dataset of shape {NpyHeader.PyTuple([.. dims.Select(d => (long)d)])}.");
            }

            byte* p = (byte*)result.Pointer;
            if (shape.Length == 0)
            {
                ds.Read<byte>(new H5DatasetAccess(), new Span<byte>(p, dtype.Size), new AllSelection(), null, null);
            }
            else
            {
                // Spans hold at most 2 GiB: read runs of whole rows of axis 0 that fit.
                long rowBytes = shape.Skip(1).Aggregate((long)dtype.Size, (a, b) => a * b);
                long rowsPerRead = Math.Max(1, (1L << 30) / Math.Max(1, rowBytes));
                if (rowBytes > int.MaxValue)
                {
                    throw new NotSupportedException($"{path}:{dataset}: one row of the region is {rowBytes} bytes; regions are read in rows of at most 2 GiB (chunk along axis 1).");
                }

                for (long row = 0; row < shape[0]; row += rowsPerRead)
                {
                    long rows = Math.Min(rowsPerRead, shape[0] - row);
                    var start = offset.Select(o => (ulong)o).ToArray();
                    var count = shape.Select(n => (ulong)n).ToArray();
                    start[0] = (ulong)(offset[0] + row);
                    count[0] = (ulong)rows;
                    var selection = new HyperslabSelection(shape.Length, start, count);
                    ds.Read<byte>(new H5DatasetAccess(), new Span<byte>(p + (row * rowBytes), (int)(rows * rowBytes)), selection, null, null);
                }
            }

            if (dtype.BigEndian)
            {
                ByteOrder.Swap(p, result.Size, dtype.Size);
            }

            GC.KeepAlive(result);
            return result;
        }
        catch (Exception e) when (!IsOurs(e))
        {
            result.Dispose();
            throw new InvalidDataException($"{path}:{dataset}: cannot read the region at {NpyHeader.PyTuple(offset)} of shape {NpyHeader.PyTuple(shape)} (a truncated or corrupt file?): {e.Message}", e);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static NativeFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such HDF5 file.", path);
        }

        try
        {
            return H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not (FileNotFoundException or UnauthorizedAccessException))
        {
            throw new InvalidDataException($"{path}: cannot read the HDF5 file (truncated or not HDF5): {e.Message}", e);
        }
    }

    private static IH5Dataset Find(NativeFile file, string path, string dataset)
    {
        string name = dataset.Trim('/');
        try
        {
            if (file.Get(name) is IH5Dataset found)
            {
                return found;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PureHDF reports a missing link with a plain exception: named below with what exists.
        }

        var existing = new List<string>();
        List(file, "", existing);
        throw new KeyNotFoundException(
            $"{path}: no dataset '{dataset}'; the file has {(existing.Count == 0 ? "no datasets" : $"the datasets {string.Join(", ", existing.Take(50).Select(n => $"'{n}'"))}{(existing.Count > 50 ? ", …" : "")}")}.");
    }

    private static void List(IH5Group group, string prefix, List<string> into)
    {
        foreach (var child in group.Children())
        {
            string name = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
            if (child is IH5Dataset)
            {
                into.Add(name);
            }
            else if (child is IH5Group g && into.Count <= 50)
            {
                List(g, name, into);
            }
        }
    }
}
