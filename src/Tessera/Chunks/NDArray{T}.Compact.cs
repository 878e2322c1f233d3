using System.Runtime.CompilerServices;

namespace Tessera;

public sealed partial class NDArray<T>
{
    /// <summary>
    /// Gets whether this array is a contiguous array that spans its whole buffer, so holding it
    /// keeps no other memory alive (false for most views; true for a constant, which holds one element).
    /// </summary>
    public bool OwnsBuffer
    {
        get
        {
            var layout = CurrentLayout;
            return layout.IsConstant || (IsContiguous && layout.Storage.ByteLength == NBytes);
        }
    }

    /// <summary>
    /// Gets the bytes of memory this array keeps alive: its whole buffer, which for a view is the buffer of the array
    /// it was cut from (a piece of a facet keeps the facet); one element for a constant.
    /// </summary>
    public long BufferBytes
    {
        get
        {
            var layout = CurrentLayout;
            return layout.IsConstant ? Unsafe.SizeOf<T>() : layout.Storage.ByteLength;
        }
    }

    /// <summary>
    /// This array when it already owns its buffer, else a contiguous copy (and this view is
    /// disposed), so a result handed on keeps no larger buffer alive.
    /// </summary>
    public NDArray<T> Compact()
    {
        ThrowIfDisposed();
        if (OwnsBuffer)
        {
            return this;
        }

        var copy = Copy();
        Dispose();
        return copy;
    }
}
