using System.Buffers;

namespace Tessera.IO.Hdf5;

/// <summary>A <see cref="Memory{T}"/> over native memory (a block's buffer), so PureHDF reads into and writes from it without a copy.</summary>
internal sealed unsafe class NativeMemoryManager<T>(T* pointer, int length) : MemoryManager<T>
    where T : unmanaged
{
    public override Span<T> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
