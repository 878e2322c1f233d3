namespace Tessera.Arrays.Lowering;

/// <summary>
/// The array a computation's blocks are stored into, allocated when the first block arrives
/// (usually near the end, when the inputs are gone), not when the computation starts.
/// </summary>
internal sealed class ResultBuffer<T>(long[] shape)
    where T : unmanaged
{
    private readonly Lock _lock = new();
    private NDArray<T>? _array;

    /// <summary>The array, allocating it on first use.</summary>
    public NDArray<T> Array
    {
        get
        {
            lock (_lock)
            {
                return _array ??= NDArray.Empty<T>(shape);
            }
        }
    }

    /// <summary>Copies a computed block into its place; returns nothing (the task's result).</summary>
    public object? Store(NDArray<T> block, long[] offset)
    {
        using var to = Array.Slice([.. offset.Select((o, a) => SliceSpec.Range(o, o + block.Shape[a]))]);
        to.CopyFrom(block);
        return null;
    }

    /// <summary>Gives the array back after a failed computation.</summary>
    public void Discard()
    {
        lock (_lock)
        {
            _array?.Dispose();
            _array = null;
        }
    }
}
