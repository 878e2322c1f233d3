using System.Buffers;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// A <see cref="Memory{T}"/> over native memory (a chunk's pooled buffer), so that async socket calls read and
/// write the array's own bytes with no managed staging copy. The owner keeps the memory alive while it is used.
/// </summary>
internal sealed unsafe class NativeMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="pointer"/>.</summary>
    public NativeMemoryManager(nint pointer, int length)
    {
        _pointer = (byte*)pointer;
        _length = length;
    }

    /// <summary>A span over <paramref name="length"/> native bytes at <paramref name="pointer"/>.</summary>
    public static Span<byte> Span(nint pointer, int length) => new((void*)pointer, length);

    /// <inheritdoc/>
    public override Span<byte> GetSpan() => new(_pointer, _length);

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    /// <inheritdoc/>
    public override void Unpin()
    {
        // Native memory never moves: nothing to release.
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        // The memory belongs to the array, not to this wrapper.
    }
}
