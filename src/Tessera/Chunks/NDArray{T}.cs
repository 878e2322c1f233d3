using System.Runtime.CompilerServices;
using Tessera.Scheduling;

namespace Tessera;

/// <summary>
/// An n-dimensional strided array over native (or pinned managed) memory: the chunk type of Tessera.
/// Element type <typeparamref name="T"/> is any INumber primitive (sbyte … ulong, Half, float, double) or
/// <see cref="bool"/>; arithmetic and reductions need a numeric type and throw <see cref="NotSupportedException"/>
/// for bool. Several instances may share one storage (views); each holds its own lease, dropped by
/// <see cref="Dispose"/>, and the memory goes back to the <see cref="ChunkPool"/> when the last lease is gone.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
/// <remarks>
/// Shape, strides and dtype stay readable after disposal; any access to the elements of a disposed array throws
/// <see cref="ObjectDisposedException"/>. Instances are not synchronized: concurrent writes to overlapping
/// elements are the caller's responsibility. Arrays may exceed 2^31 elements and 2 GiB.
/// </remarks>
public sealed unsafe partial class NDArray<T> : IDisposable, IReleasableResult
    where T : unmanaged
{
    private readonly ChunkStorage _storage;
    private readonly long[] _shape;
    private readonly long[] _strides;
    private readonly long _offset;
    private int _disposed;

    /// <summary>Creates an array over <paramref name="storage"/>, taking ownership of one of its leases.</summary>
    internal NDArray(ChunkStorage storage, long[] shape, long[] strides, long offset)
    {
        _storage = storage;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        Size = 1;
        foreach (var d in shape)
        {
            Size *= d;
        }

        IsContiguous = Shapes.IsContiguous(shape, strides);
    }

    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a 0-d array).</summary>
    public long Size { get; }

    /// <summary>Number of dimensions.</summary>
    public int NDim => _shape.Length;

    /// <summary>Length of each dimension.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Distance between consecutive elements along each dimension, in elements (0 on broadcast axes, negative on reversed views).</summary>
    public ReadOnlySpan<long> Strides => _strides;

    /// <summary>Whether the elements are laid out in C (row-major) order without gaps, starting at <see cref="Pointer"/>.</summary>
    public bool IsContiguous { get; }

    /// <summary>NumPy dtype name: "int64", "float64", "bool", "int32", "uint8", ….</summary>
    public string DType => DTypeInfo<T>.Name;

    /// <summary>Size of one element in bytes.</summary>
    public int ItemSize => sizeof(T);

    /// <summary>Logical size in bytes (<see cref="Size"/> × <see cref="ItemSize"/>).</summary>
    public long NBytes => Size * sizeof(T);

    /// <summary>Whether <see cref="Dispose"/> has been called on this instance.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Address of the first element (index 0 on every axis). Valid while this instance is not disposed; walk it with
    /// <see cref="Strides"/>. Callers must keep the array alive (e.g. <see cref="GC.KeepAlive(object)"/>) while using it.
    /// </summary>
    public T* Pointer
    {
        get
        {
            ThrowIfDisposed();
            return (T*)_storage.Pointer + _offset;
        }
    }

    /// <summary>The owned storage (for tests and the pool).</summary>
    internal ChunkStorage Storage => _storage;

    /// <summary>The shape as an array (not copied; do not mutate).</summary>
    internal long[] ShapeArray => _shape;

    /// <summary>The strides as an array (not copied; do not mutate).</summary>
    internal long[] StridesArray => _strides;

    /// <summary>Gets or sets one element; negative indices count from the end of their axis.</summary>
    /// <param name="index">One index per dimension.</param>
    /// <exception cref="ArgumentException">Wrong number of indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of bounds; the message names it, its axis and the shape.</exception>
    public T this[params long[] index]
    {
        get
        {
            var p = ElementPointer(index);
            var value = *p;
            GC.KeepAlive(this);
            return value;
        }

        set
        {
            var p = ElementPointer(index);
            *p = value;
            GC.KeepAlive(this);
        }
    }

    /// <summary>The only element of an array with <see cref="Size"/> 1 (any number of dimensions, e.g. a 0-d reduction result).</summary>
    /// <exception cref="InvalidOperationException">The array does not have exactly one element.</exception>
    public T ToScalar()
    {
        ThrowIfDisposed();
        if (Size != 1)
        {
            throw new InvalidOperationException($"ToScalar: the array of shape {Shapes.Format(_shape)} has {Size} elements, not 1.");
        }

        var value = *UncheckedPointer;
        GC.KeepAlive(this);
        return value;
    }

    /// <summary>Drops this instance's lease on its storage. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _storage.Release();
        }
    }

    /// <summary>Same as <see cref="Dispose"/>: lets a scheduler return the chunk to the pool.</summary>
    public void ReleaseResult() => Dispose();

    /// <summary>A span over all elements; only for contiguous arrays of at most <see cref="int.MaxValue"/> elements.</summary>
    /// <exception cref="InvalidOperationException">Not contiguous, or too large (use <see cref="GetSegment"/>).</exception>
    public Span<T> AsSpan()
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsSpan: the array of shape {Shapes.Format(_shape)} is not contiguous; use Copy() first.");
        }

        if (Size > int.MaxValue)
        {
            throw new InvalidOperationException($"AsSpan: {Size} elements do not fit one span; use SegmentCount/GetSegment.");
        }

        return new Span<T>(Pointer, (int)Size);
    }

    /// <summary>Number of spans of at most <see cref="NDArray.MaxSegmentLength"/> elements covering a contiguous array.</summary>
    public int SegmentCount => (int)((Size + NDArray.MaxSegmentLength - 1) / NDArray.MaxSegmentLength);

    /// <summary>Segment <paramref name="index"/> of a contiguous array: elements [index × MaxSegmentLength, …).</summary>
    /// <exception cref="InvalidOperationException">Not contiguous.</exception>
    public Span<T> GetSegment(int index)
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"GetSegment: the array of shape {Shapes.Format(_shape)} is not contiguous; use Copy() first.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SegmentCount);
        var start = (long)index * NDArray.MaxSegmentLength;
        return new Span<T>(Pointer + start, (int)Math.Min(NDArray.MaxSegmentLength, Size - start));
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> if this instance was disposed.</summary>
    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            ThrowDisposed();
        }
    }

    /// <summary>Base pointer without the disposal check (callers have checked).</summary>
    internal T* UncheckedPointer => (T*)_storage.Pointer + _offset;

    /// <summary>Creates a view over the same storage with its own lease.</summary>
    internal NDArray<T> View(long[] shape, long[] strides, long offset)
    {
        ThrowIfDisposed();
        _storage.AddRef();
        return new NDArray<T>(_storage, shape, strides, offset);
    }

    /// <summary>Reinterprets the elements as another type of the same size (bool ↔ byte), sharing storage.</summary>
    internal NDArray<TOther> Reinterpret<TOther>()
        where TOther : unmanaged
    {
        if (sizeof(TOther) != sizeof(T))
        {
            throw new InvalidOperationException("Reinterpret needs element types of equal size.");
        }

        ThrowIfDisposed();
        _storage.AddRef();
        return new NDArray<TOther>(_storage, _shape, _strides, _offset);
    }

    private T* ElementPointer(long[] index)
    {
        ThrowIfDisposed();
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException(
                $"Indexer: {index.Length} indices given for an array of shape {Shapes.Format(_shape)} (ndim {_shape.Length}).", nameof(index));
        }

        var p = (T*)_storage.Pointer + _offset;
        for (var axis = 0; axis < index.Length; axis++)
        {
            var i = index[axis];
            var n = _shape[axis];
            if (i < -n || i >= n)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), i, $"Indexer: index {i} is out of bounds for axis {axis} with size {n} (shape {Shapes.Format(_shape)}).");
            }

            p += (i < 0 ? i + n : i) * _strides[axis];
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(NDArray<T>), $"The {DType} array of shape {Shapes.Format(_shape)} was disposed.");
}
