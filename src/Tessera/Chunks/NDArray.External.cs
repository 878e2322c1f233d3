namespace Tessera;

public static unsafe partial class NDArray
{
    /// <summary>
    /// Wraps memory that Tessera does not own (a memory-mapped file view, a buffer from native code) without copying.
    /// The array and its views read and write that memory directly; when the last of them is disposed (or, if they are
    /// leaked, finalised) <paramref name="owner"/> is disposed, which must unmap or free the memory.
    /// </summary>
    /// <param name="pointer">Address of the element at index 0 on every axis; it must stay valid until <paramref name="owner"/> is disposed.</param>
    /// <param name="shape">Dimensions, in elements.</param>
    /// <param name="strides">Distance between consecutive elements along each axis, in elements; null for C order.</param>
    /// <param name="byteLength">How many bytes from <paramref name="pointer"/> the memory holds (for bounds checks of the layout).</param>
    /// <param name="owner">Keeps the memory valid; disposed once, with the last view.</param>
    /// <exception cref="ArgumentException">The layout reaches outside <paramref name="byteLength"/> bytes, or has a negative stride.</exception>
    public static NDArray<T> WrapExternal<T>(nint pointer, long[] shape, long[]? strides, long byteLength, IDisposable owner)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(shape);
        var s = (long[])shape.Clone();
        var size = Shapes.Validate(s, sizeof(T), "WrapExternal");
        var st = strides is null ? Shapes.ContiguousStrides(s) : (long[])strides.Clone();
        if (st.Length != s.Length)
        {
            throw new ArgumentException($"WrapExternal: {st.Length} strides for a shape of {s.Length} dimensions.", nameof(strides));
        }

        long last = 0;
        for (int a = 0; a < s.Length; a++)
        {
            if (st[a] < 0)
            {
                throw new ArgumentException($"WrapExternal: stride {st[a]} of axis {a} is negative; wrap with positive strides and reverse with a view.", nameof(strides));
            }

            last += s[a] == 0 ? 0 : (s[a] - 1) * st[a];
        }

        if (size > 0 && (last + 1) * sizeof(T) > byteLength)
        {
            throw new ArgumentException(
                $"WrapExternal: shape {Shapes.Format(s)} with strides {Shapes.Format(st)} reaches byte {(last + 1) * sizeof(T)}, past the {byteLength} bytes given.",
                nameof(byteLength));
        }

        return new NDArray<T>(ChunkStorage.External(owner, pointer, byteLength), s, st, 0);
    }
}
