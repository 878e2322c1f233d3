namespace Tessera.Arrays.Kernels;

/// <summary>
/// One input of a block kernel seen as C-contiguous memory of the output's shape, or as one value
/// (a constant block, a broadcast scalar): kernels then run over flat spans, with no strides and no
/// per-element dispatch. A broadcast or strided input is copied once; the copy is freed on dispose.
/// </summary>
internal readonly unsafe struct DenseOperand<T> : IDisposable
    where T : unmanaged
{
    private readonly NDArray<T>? _owned;

    public DenseOperand(NDArray<T> block, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Size == 1 || (block.IsConstant && block.Size > 0))
        {
            IsScalar = true;
            Value = block[new long[block.NDim]];
            Pointer = null;
            _owned = null;
            return;
        }

        IsScalar = false;
        Value = default;
        if (!block.IsContiguous || !block.Shape.SequenceEqual(shape))
        {
            using var view = block.BroadcastTo(shape);
            _owned = view.Copy();
            Pointer = _owned.Pointer;
            return;
        }

        _owned = null;
        Pointer = block.Pointer;
    }

    /// <summary>Gets a value indicating whether every element is <see cref="Value"/>.</summary>
    public bool IsScalar { get; }

    /// <summary>Gets the one value of a scalar operand.</summary>
    public T Value { get; }

    /// <summary>Gets the first element of a dense operand (null for a scalar).</summary>
    public T* Pointer { get; }

    /// <summary>The <paramref name="length"/> elements from <paramref name="start"/> of a dense operand.</summary>
    public ReadOnlySpan<T> Span(long start, int length) => new(Pointer + start, length);

    public void Dispose() => _owned?.Dispose();
}
