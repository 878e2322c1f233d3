namespace Tessera.IO.Npy;

/// <summary>Dask's npy-stack layout: a directory with an <c>info</c> file and one NPY file per block along one axis.</summary>
internal static class NpyStack
{
    public const string InfoName = "info";

    public static DArray<T> Read<T>(string directory)
        where T : unmanaged
    {
        string dir = Path.GetFullPath(directory);
        string infoPath = Path.Combine(dir, InfoName);
        if (!File.Exists(infoPath))
        {
            throw new FileNotFoundException(
                Directory.Exists(dir)
                    ? $"FromNpyStack: {dir} has no '{InfoName}' file, so it is not an npy stack (write one with ToNpyStack or dask.array.to_npy_stack)."
                    : $"FromNpyStack: no such directory {dir}.",
                infoPath);
        }

        var info = NpyStackInfo.Read(File.ReadAllBytes(infoPath), infoPath);
        info.DType.Require<T>(infoPath, "FromNpyStack");
        long[] shape = [.. info.Chunks.Select(c => c.Sum())];
        int axis = info.Axis;
        long[] starts = new long[info.Chunks[axis].Length + 1];
        for (int i = 0; i < info.Chunks[axis].Length; i++)
        {
            starts[i + 1] = starts[i] + info.Chunks[axis][i];
        }

        return DArray.FromRegions<T>((offset, size) => ReadRegion<T>(dir, starts, axis, offset, size), shape, ChunkSpec.PerAxis(info.Chunks), "from-npy-stack");
    }

    public static async Task WriteAsync<T>(DArray<T> x, string directory, int axis, CancellationToken cancellationToken)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (axis < 0 || axis >= x.NDim)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"ToNpyStack: axis {axis} is out of range for an array of {x.NDim} dimensions.");
        }

        string dir = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(dir);
            // The old info would claim the stack is complete while the new files are written.
            File.Delete(Path.Combine(dir, InfoName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"ToNpyStack: cannot write to {dir}: {e.Message}", e);
        }

        // As Dask does: one block per file along `axis`, each file whole along the other axes.
        long[][] chunks = [.. Enumerable.Range(0, x.NDim).Select(a => a == axis ? x.Chunks[a].ToArray() : [x.Shape[a]])];
        var stacked = x.Rechunk(ChunkSpec.PerAxis(chunks));
        await stacked.WriteBlocksAsync((block, where) => NpyFile.Save(block, Path.Combine(dir, $"{where.Index[axis]}.npy")), "to-npy-stack", cancellationToken).ConfigureAwait(false);
        var info = new NpyStackInfo(chunks, NpyDType.Of<T>(), axis);
        AtomicFile.Write(Path.Combine(dir, InfoName), "ToNpyStack", stream => stream.Write(info.Write()));
    }

    private static NDArray<T> ReadRegion<T>(string dir, long[] starts, int axis, long[] offset, long[] shape)
        where T : unmanaged
    {
        if (shape.Contains(0))
        {
            return NDArray.Empty<T>(shape);
        }

        int file = Array.BinarySearch(starts, offset[axis]);
        file = file >= 0 ? file : ~file - 1;
        if (file < 0 || file >= starts.Length - 1 || offset[axis] + shape[axis] > starts[file + 1])
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"FromNpyStack: the region at {NpyHeader.PyTuple(offset)} of shape {NpyHeader.PyTuple(shape)} does not lie inside one file of {dir}.");
        }

        var local = (long[])offset.Clone();
        local[axis] -= starts[file];
        string path = Path.Combine(dir, $"{file}.npy");
        var header = NpyFile.ReadHeader(path);
        long expected = starts[file + 1] - starts[file];
        if (header.Shape.Length != offset.Length || header.Shape[axis] != expected)
        {
            throw new InvalidDataException(
                $"FromNpyStack: {path} holds shape {NpyHeader.PyTuple(header.Shape)}, but the stack's info gives {expected} elements along axis {axis} in {offset.Length} dimensions.");
        }

        return NpyFile.ReadRegion<T>(path, local, shape, "FromNpyStack");
    }
}
