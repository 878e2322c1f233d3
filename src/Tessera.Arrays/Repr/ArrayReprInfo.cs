namespace Tessera.Arrays;

/// <summary>What the array reprs show about a (lazy) chunked array.</summary>
/// <param name="Chunks">The array's chunking (gives shape, chunk shape and chunk count).</param>
/// <param name="DTypeName">NumPy-style element type name, e.g. "int64", "float32".</param>
/// <param name="ItemSize">Bytes per element, e.g. 8 for int64.</param>
/// <param name="LayerCount">Number of layers in the array's graph.</param>
/// <param name="TaskCount">Number of tasks in the array's graph.</param>
/// <param name="ChunkTypeName">Name of the in-memory chunk type shown after the dtype; default "NDArray".</param>
internal sealed record ArrayReprInfo(
    Chunks Chunks,
    string DTypeName,
    int ItemSize,
    int LayerCount,
    long TaskCount,
    string ChunkTypeName = "NDArray")
{
    /// <summary>Total bytes of the array: elements times item size.</summary>
    public long ArrayBytes => checked(Chunks.ElementCount * ItemSize);

    /// <summary>Bytes of the largest chunk (Dask's chunk column).</summary>
    public long ChunkBytes => checked(Chunks.LargestBlockElements * ItemSize);
}
