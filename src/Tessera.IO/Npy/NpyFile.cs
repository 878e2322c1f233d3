using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace Tessera.IO.Npy;

/// <summary>Reading (whole, by region, or memory-mapped) and writing of single NPY files.</summary>
internal static unsafe class NpyFile
{
    /// <summary>The header of the NPY file at <paramref name="path"/>.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var file = OpenRead(path);
        return NpyHeader.Read(file, path);
    }

    /// <summary>The whole array, read into pooled memory (a Fortran-ordered file gives a transposed view, as in NumPy).</summary>
    public static NDArray<T> Load<T>(string path)
        where T : unmanaged
    {
        using var file = OpenRead(path);
        var header = NpyHeader.Read(file, path);
        header.DType.Require<T>(path, "LoadNpy");
        return ReadRegion<T>(file, header, path, new long[header.Shape.Length], header.Shape);
    }

    /// <summary>
    /// The whole array as a view of the file mapped into memory, without reading it: pages are read when touched and
    /// can be dropped again by the OS. Big-endian files cannot be viewed and are read (and swapped) instead.
    /// </summary>
    public static NDArray<T> Map<T>(string path, NpyMapMode mode)
        where T : unmanaged
    {
        NpyHeader header;
        using (var file = OpenRead(path))
        {
            header = NpyHeader.Read(file, path);
            header.DType.Require<T>(path, "LoadNpy");
            if (header.DType.BigEndian || header.DataBytes == 0)
            {
                return ReadRegion<T>(file, header, path, new long[header.Shape.Length], header.Shape);
            }
        }

        var access = mode == NpyMapMode.ReadWrite ? MemoryMappedFileAccess.ReadWrite : MemoryMappedFileAccess.CopyOnWrite;
        var mapping = MappedFile.Open(path, access, header.DataOffset + header.DataBytes);
        try
        {
            var fileShape = header.FortranOrder ? [.. header.Shape.Reverse()] : header.Shape;
            var whole = NDArray.WrapExternal<T>((nint)(mapping.Pointer + header.DataOffset), fileShape, null, header.DataBytes, mapping);
            if (!header.FortranOrder)
            {
                return whole;
            }

            var view = whole.Transpose();
            whole.Dispose();
            return view;
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>The region (<paramref name="offset"/>, <paramref name="shape"/>) of the array in the NPY file at <paramref name="path"/>.</summary>
    public static NDArray<T> ReadRegion<T>(string path, long[] offset, long[] shape, string operation)
        where T : unmanaged
    {
        using var file = OpenRead(path);
        var header = NpyHeader.Read(file, path);
        header.DType.Require<T>(path, operation);
        if (header.Shape.Length != shape.Length)
        {
            throw new InvalidDataException($"{path}: holds an array of shape {NpyHeader.PyTuple(header.Shape)}, but a region of {shape.Length} dimensions was asked for.");
        }

        for (int a = 0; a < shape.Length; a++)
        {
            if (offset[a] < 0 || shape[a] < 0 || offset[a] + shape[a] > header.Shape[a])
            {
                throw new ArgumentOutOfRangeException(
                    nameof(offset),
                    $"{path}: the region at {NpyHeader.PyTuple(offset)} of shape {NpyHeader.PyTuple(shape)} lies outside the array of shape {NpyHeader.PyTuple(header.Shape)} (axis {a}).");
            }
        }

        return ReadRegion<T>(file, header, path, offset, shape);
    }

    /// <summary>Writes <paramref name="array"/> as <c>numpy.save</c> would, through a temporary file renamed into place.</summary>
    public static void Save<T>(NDArray<T> array, string path)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var dtype = NpyDType.Of<T>();
        var shape = array.Shape.ToArray();
        // NumPy writes an array that is Fortran- but not C-contiguous in Fortran order, as it lies in memory.
        bool fortran = !array.IsContiguous && IsFortranContiguous(shape, array.Strides);
        using var ordered = fortran ? array.Transpose() : array.IsContiguous ? array.Slice() : array.Copy();
        byte[] header = NpyHeader.Format(dtype, fortran, shape);
        AtomicFile.Write(path, "SaveNpy", stream =>
        {
            stream.Write(header);
            if (ordered.Size > 0)
            {
                ByteOrder.Write(stream, (byte*)ordered.Pointer, ordered.NBytes);
                GC.KeepAlive(ordered);
            }
        });
    }

    internal static SafeFileHandle OpenRead(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: no such NPY file.", path, e);
        }
    }

    private static NDArray<T> ReadRegion<T>(SafeFileHandle file, NpyHeader header, string path, long[] offset, long[] shape)
        where T : unmanaged
    {
        bool fortran = header.FortranOrder;
        long[] fileShape = fortran ? [.. header.Shape.Reverse()] : header.Shape;
        long[] at = fortran ? [.. offset.Reverse()] : offset;
        long[] size = fortran ? [.. shape.Reverse()] : shape;
        var result = NDArray.Empty<T>(size);
        try
        {
            if (result.Size > 0)
            {
                ReadBox(file, header, path, fileShape, at, size, (byte*)result.Pointer);
                if (header.DType.BigEndian)
                {
                    ByteOrder.Swap((byte*)result.Pointer, result.Size, header.DType.Size);
                }
            }

            GC.KeepAlive(result);
            if (!fortran)
            {
                return result;
            }

            var view = result.Transpose();
            result.Dispose();
            return view;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Reads a box of a C-ordered array into a C-contiguous buffer, one read per contiguous run of the file.</summary>
    private static void ReadBox(SafeFileHandle file, NpyHeader header, string path, long[] fileShape, long[] offset, long[] shape, byte* into)
    {
        int n = fileShape.Length;
        int item = header.DType.Size;
        var strides = Shapes.ContiguousStrides(fileShape);
        // Axes after `k` are read whole, so a run spans shape[k] * strides[k] elements.
        int k = n - 1;
        while (k >= 0 && offset[k] == 0 && shape[k] == fileShape[k])
        {
            k--;
        }

        if (k < 0)
        {
            ByteOrder.ReadExactly(file, into, header.DataBytes, header.DataOffset, path);
            return;
        }

        long run = shape[k] * strides[k] * item;
        var index = new long[k];
        long written = 0;
        while (true)
        {
            long element = offset[k] * strides[k];
            for (int a = 0; a < k; a++)
            {
                element += (offset[a] + index[a]) * strides[a];
            }

            ByteOrder.ReadExactly(file, into + written, run, header.DataOffset + (element * item), path);
            written += run;
            int axis = k - 1;
            while (axis >= 0 && ++index[axis] == shape[axis])
            {
                index[axis] = 0;
                axis--;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    private static bool IsFortranContiguous(long[] shape, ReadOnlySpan<long> strides)
    {
        long expected = 1;
        for (int a = 0; a < shape.Length; a++)
        {
            if (shape[a] != 1 && strides[a] != expected)
            {
                return false;
            }

            expected *= shape[a];
        }

        return true;
    }
}
