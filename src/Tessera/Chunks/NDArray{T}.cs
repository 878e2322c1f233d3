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
/// <para>
/// Shape, strides and dtype stay readable after disposal; any access to the elements of a disposed array throws
/// <see cref="ObjectDisposedException"/>. Instances are not synchronized: concurrent writes to overlapping
/// elements are the caller's responsibility. Arrays may exceed 2^31 elements and 2 GiB.
/// </para>
/// <para>
/// Copy-on-write constants: <see cref="NDArray.Ones{T}"/>, <see cref="NDArray.Zeros{T}"/>, <see cref="NDArray.Full{T}"/>
/// and <see cref="NDArray.Scalar{T}"/> return a <em>constant</em> array (<see cref="IsConstant"/>) that holds a single
/// element read through all-zero <see cref="Strides"/>. Pure reads (elements, <see cref="ToArray"/>, formatting,
/// reductions, arithmetic and comparison operands, <see cref="Copy"/>, <see cref="AsType{TOut}"/>, <see cref="CopyTo"/>)
/// read that layout directly. Anything that needs real memory — a write (indexer set, <see cref="Fill"/>,
/// <see cref="CopyFrom"/>, the in-place operations), <see cref="Pointer"/>, <see cref="AsSpan"/>, <see cref="GetSegment"/>
/// or any view (slicing, <see cref="Reshape"/>, <see cref="Transpose"/>, <see cref="Squeeze"/>, <see cref="ExpandDims"/>,
/// <see cref="BroadcastTo"/>) — first <em>materialises</em> it exactly once: a pooled C-contiguous buffer is rented and
/// filled, and the layout is swapped atomically, so views always share real memory with their base as in NumPy.
/// Materialisation is thread-safe against concurrent readers and concurrent materialisations.
/// </para>
/// </remarks>
public sealed unsafe partial class NDArray<T> : IDisposable, IReleasableResult
    where T : unmanaged
{
    private readonly long[] _shape;

    /// <summary>
    /// The one-element buffer of a constant (pinned object heap, never moves); referenced for the array's whole life
    /// so that a reader still holding the constant <see cref="Layout"/> after materialisation never sees freed memory.
    /// </summary>
    private readonly T[]? _constant;

    /// <summary>Where the elements live; replaced once (constant → materialised) under a lock on the old value.</summary>
    private Layout _layout;
    private int _disposed;

    /// <summary>Creates an array over <paramref name="storage"/>, taking ownership of one of its leases.</summary>
    internal NDArray(ChunkStorage storage, long[] shape, long[] strides, long offset)
    {
        _shape = shape;
        Size = Shapes.Product(shape);
        _layout = new Layout(storage, strides, offset, isConstant: false);
        IsContiguous = Shapes.IsContiguous(shape, strides);
    }

    /// <summary>Creates a constant array: every element reads as <paramref name="value"/>; one element is stored.</summary>
    private NDArray(T value, long[] shape)
    {
        _shape = shape;
        Size = Shapes.Product(shape);
        _constant = GC.AllocateArray<T>(1, pinned: true);
        _constant[0] = value;
        var storage = ChunkStorage.Unowned(_constant, (nint)Unsafe.AsPointer(ref _constant[0]), sizeof(T));
        _layout = new Layout(storage, new long[shape.Length], 0, isConstant: true);
        IsContiguous = true;
    }

    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a 0-d array).</summary>
    public long Size { get; }

    /// <summary>Number of dimensions.</summary>
    public int NDim => _shape.Length;

    /// <summary>Length of each dimension.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>
    /// Current distance between consecutive elements along each dimension, in elements (0 on broadcast axes, negative
    /// on reversed views; all 0 while the array <see cref="IsConstant"/>, C-order once it has materialised).
    /// </summary>
    public ReadOnlySpan<long> Strides => Volatile.Read(ref _layout).Strides;

    /// <summary>
    /// Whether the elements are laid out in C (row-major) order without gaps, starting at <see cref="Pointer"/>.
    /// For a constant (<see cref="IsConstant"/>) this is the layout it gets on materialisation, which is always
    /// C-contiguous, so it is true; <see cref="Pointer"/>, <see cref="AsSpan"/> and <see cref="GetSegment"/>
    /// materialise first, so linear access through them is always valid.
    /// </summary>
    public bool IsContiguous { get; }

    /// <summary>
    /// Whether this is a copy-on-write constant that still stores a single element (all <see cref="Strides"/> 0).
    /// Becomes false, once, when something needs real memory (a write, a view, <see cref="Pointer"/>, …).
    /// </summary>
    public bool IsConstant => Volatile.Read(ref _layout).IsConstant;

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
    /// <remarks>Materialises a constant array first.</remarks>
    public T* Pointer
    {
        get
        {
            ThrowIfDisposed();
            return Materialized().Base;
        }
    }

    /// <summary>The current storage (for tests and the pool); a constant's is a one-element unpooled buffer.</summary>
    internal ChunkStorage Storage => Volatile.Read(ref _layout).Storage;

    /// <summary>The shape as an array (not copied; do not mutate).</summary>
    internal long[] ShapeArray => _shape;

    /// <summary>
    /// One consistent snapshot of the element layout for reading (never materialises). Use its
    /// <see cref="Layout.Base"/> with its <see cref="Layout.Strides"/> only, and keep this array alive while reading.
    /// </summary>
    internal Layout CurrentLayout => Volatile.Read(ref _layout);

    /// <summary>Gets or sets one element; negative indices count from the end of their axis.</summary>
    /// <param name="index">One index per dimension.</param>
    /// <exception cref="ArgumentException">Wrong number of indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of bounds; the message names it, its axis and the shape.</exception>
    public T this[params long[] index]
    {
        get
        {
            ThrowIfDisposed();
            var p = ElementPointer(Volatile.Read(ref _layout), index);
            var value = *p;
            GC.KeepAlive(this);
            return value;
        }

        set
        {
            ThrowIfDisposed();
            CheckIndex(index);
            var p = ElementPointer(Materialized(), index);
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

        var value = *Volatile.Read(ref _layout).Base;
        GC.KeepAlive(this);
        return value;
    }

    /// <summary>Drops this instance's lease on its storage. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var layout = Volatile.Read(ref _layout);
        if (layout.IsConstant)
        {
            // Serialise with a racing materialisation: either it already swapped (release the new storage) or it will
            // see the disposed flag under this lock and give up.
            lock (layout)
            {
                Volatile.Read(ref _layout).Storage.Release();
            }
        }
        else
        {
            layout.Storage.Release();
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

    /// <summary>Creates a constant array of <paramref name="shape"/> (already validated and owned) reading as <paramref name="value"/>.</summary>
    internal static NDArray<T> Constant(T value, long[] shape) => new(value, shape);

    /// <summary>
    /// The layout over real memory: materialises a constant first (once; thread-safe). Callers have checked
    /// disposal; the result stays valid while this instance is not disposed.
    /// </summary>
    internal Layout Materialized()
    {
        var layout = Volatile.Read(ref _layout);
        return layout.IsConstant ? Materialize(layout, layout.Value, out _) : layout;
    }

    /// <summary>
    /// Like <see cref="Materialized"/> but, when this call is the one that materialises, fills the new buffer with
    /// <paramref name="fill"/> instead of the constant (one pass for <see cref="Fill"/>); <paramref name="filled"/> says so.
    /// </summary>
    internal Layout MaterializedWith(T fill, out bool filled)
    {
        var layout = Volatile.Read(ref _layout);
        if (layout.IsConstant)
        {
            return Materialize(layout, fill, out filled);
        }

        filled = false;
        return layout;
    }

    /// <summary>Creates a view over the (materialised) <paramref name="layout"/>'s storage with its own lease.</summary>
    internal NDArray<T> View(Layout layout, long[] shape, long[] strides, long offset)
    {
        ThrowIfDisposed();
        if (layout.IsConstant)
        {
            throw new InvalidOperationException("View over a constant layout: materialise first.");
        }

        layout.Storage.AddRef();
        return new NDArray<T>(layout.Storage, shape, strides, offset);
    }

    /// <summary>Reinterprets the elements as another type of the same size (bool ↔ byte), sharing (materialised) storage.</summary>
    internal NDArray<TOther> Reinterpret<TOther>()
        where TOther : unmanaged
    {
        if (sizeof(TOther) != sizeof(T))
        {
            throw new InvalidOperationException("Reinterpret needs element types of equal size.");
        }

        ThrowIfDisposed();
        var layout = Materialized();
        layout.Storage.AddRef();
        return new NDArray<TOther>(layout.Storage, _shape, layout.Strides, layout.Offset);
    }

    /// <summary>
    /// For reading only: like <see cref="Reinterpret{TOther}"/>, but a constant gives a new constant with the same
    /// bits instead of materialising. The result must not be written or viewed as a view of this array.
    /// </summary>
    internal NDArray<TOther> ReinterpretForReading<TOther>()
        where TOther : unmanaged
    {
        ThrowIfDisposed();
        var layout = Volatile.Read(ref _layout);
        if (layout.IsConstant && sizeof(TOther) == sizeof(T))
        {
            var value = layout.Value;
            return NDArray<TOther>.Constant(*(TOther*)&value, _shape);
        }

        return Reinterpret<TOther>();
    }

    private Layout Materialize(Layout constant, T fill, out bool filled)
    {
        lock (constant)
        {
            ThrowIfDisposed();
            var current = Volatile.Read(ref _layout);
            if (!current.IsConstant)
            {
                filled = false;
                return current;
            }

            var storage = ChunkStorage.Rent(ChunkPool.Shared, Size * sizeof(T), clear: false);
            FillKernel.Fill((T*)storage.Pointer, Size, fill);

            var materialized = new Layout(storage, Shapes.ContiguousStrides(_shape), 0, isConstant: false);
            Volatile.Write(ref _layout, materialized);

            // The constant's storage is a GC-owned buffer also held by _constant: releasing its lease frees nothing,
            // so readers still using the old snapshot keep reading valid memory.
            constant.Storage.Release();
            filled = true;
            return materialized;
        }
    }

    private void CheckIndex(long[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException(
                $"Indexer: {index.Length} indices given for an array of shape {Shapes.Format(_shape)} (ndim {_shape.Length}).", nameof(index));
        }

        for (var axis = 0; axis < index.Length; axis++)
        {
            var i = index[axis];
            var n = _shape[axis];
            if (i < -n || i >= n)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), i, $"Indexer: index {i} is out of bounds for axis {axis} with size {n} (shape {Shapes.Format(_shape)}).");
            }
        }
    }

    private T* ElementPointer(Layout layout, long[] index)
    {
        CheckIndex(index);
        var p = layout.Base;
        var strides = layout.Strides;
        for (var axis = 0; axis < index.Length; axis++)
        {
            var i = index[axis];
            p += (i < 0 ? i + _shape[axis] : i) * strides[axis];
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(NDArray<T>), $"The {DType} array of shape {Shapes.Format(_shape)} was disposed.");

    /// <summary>
    /// Immutable snapshot of where an array's elements live. An array swaps its layout at most once (constant →
    /// materialised); readers take one snapshot and use its pointer and strides together.
    /// </summary>
    internal sealed class Layout
    {
        public Layout(ChunkStorage storage, long[] strides, long offset, bool isConstant)
        {
            Storage = storage;
            Strides = strides;
            Offset = offset;
            IsConstant = isConstant;
            Base = (T*)storage.Pointer + offset;
        }

        /// <summary>The storage (a one-element unpooled buffer for a constant).</summary>
        public ChunkStorage Storage { get; }

        /// <summary>Strides in elements (all 0 for a constant; do not mutate).</summary>
        public long[] Strides { get; }

        /// <summary>Offset of element 0 from the storage start, in elements.</summary>
        public long Offset { get; }

        /// <summary>Whether this is a constant's one-element layout.</summary>
        public bool IsConstant { get; }

        /// <summary>Address of element 0 (index 0 on every axis).</summary>
        public T* Base { get; }

        /// <summary>The first element (the value of a constant).</summary>
        public T Value => *Base;

        /// <summary>Whether every stride is 0, i.e. every element reads <see cref="Value"/>.</summary>
        public bool AllStridesZero
        {
            get
            {
                foreach (var s in Strides)
                {
                    if (s != 0)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
