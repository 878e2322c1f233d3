namespace Tessera.Distributed.DataPlane;

/// <summary>
/// An NDArray ready to send: its dtype and shape, and either its one constant element or the address of its
/// C-contiguous bytes. Holds the array alive (and owns the contiguous copy of a strided view) until disposed.
/// </summary>
internal sealed class OutgoingArray : IDisposable
{
    private readonly object _keepAlive;
    private readonly IDisposable? _ownedCopy;

    /// <summary>Creates the description; <paramref name="ownedCopy"/> is disposed with it.</summary>
    public OutgoingArray(WireDType dtype, long[] shape, byte[]? constant, nint pointer, long nbytes, object keepAlive, IDisposable? ownedCopy)
    {
        DType = dtype;
        Shape = shape;
        ConstantValue = constant;
        Pointer = pointer;
        NBytes = nbytes;
        _keepAlive = keepAlive;
        _ownedCopy = ownedCopy;
    }

    /// <summary>Element type.</summary>
    public WireDType DType { get; }

    /// <summary>Dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>The one element of a constant array (its raw bytes), else null.</summary>
    public byte[]? ConstantValue { get; }

    /// <summary>Address of the C-contiguous bytes (unused for a constant or an empty array).</summary>
    public nint Pointer { get; }

    /// <summary>Logical byte count.</summary>
    public long NBytes { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _ownedCopy?.Dispose();
        GC.KeepAlive(_keepAlive);
    }
}
