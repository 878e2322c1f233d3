using System.Runtime.InteropServices;

namespace Tessera;

/// <summary>
/// Reference-counted memory behind one or more <see cref="NDArray{T}"/> instances (a base array and its
/// views). It starts with one lease; each view adds one; when the count reaches zero the buffer goes back
/// to its <see cref="ChunkPool"/> (or the pinned managed array is unpinned). If it becomes unreachable while
/// still leased, the finalizer frees the native memory (the pool reports big native buffers to the GC with
/// <see cref="GC.AddMemoryPressure"/>, so such leaks get collected under pressure).
/// </summary>
internal sealed unsafe class ChunkStorage
{
    private readonly ChunkPool? _pool;
    private readonly object? _owner;
    private readonly long _capacity;
    private GCHandle _pin;
    private nint _pointer;
    private int _leases = 1;
    private bool _externalOwner;

    private ChunkStorage(ChunkPool? pool, nint pointer, long capacity, long byteLength, GCHandle pin, object? owner = null)
    {
        _pool = pool;
        _owner = owner;
        _pointer = pointer;
        _capacity = capacity;
        ByteLength = byteLength;
        _pin = pin;
    }

    /// <summary>Finalizer: frees native memory that was never released.</summary>
    ~ChunkStorage()
    {
        if (Volatile.Read(ref _leases) > 0)
        {
            FreeFromFinalizer();
        }
    }

    /// <summary>Start of the buffer.</summary>
    public void* Pointer => (void*)_pointer;

    /// <summary>Usable length of the buffer in bytes (as requested, before rounding).</summary>
    public long ByteLength { get; }

    /// <summary>Whether the storage wraps a pinned managed array.</summary>
    public bool IsPinnedManaged => _pool is null && _owner is null;

    /// <summary>Whether the storage is GC-owned memory (a constant array's single element), neither pooled nor pinned.</summary>
    public bool IsUnowned => _owner is not null && !_externalOwner;

    /// <summary>Whether the storage is memory owned outside Tessera (see <see cref="External"/>).</summary>
    public bool IsExternal => _externalOwner;

    /// <summary>Current number of leases (for tests).</summary>
    public int Leases => Volatile.Read(ref _leases);

    /// <summary>Rents pooled native storage of <paramref name="byteLength"/> bytes.</summary>
    public static ChunkStorage Rent(ChunkPool pool, long byteLength, bool clear)
    {
        var (p, capacity) = pool.Rent(byteLength);
        if (clear)
        {
            ClearBytes((byte*)p, byteLength);
        }

        return new ChunkStorage(pool, p, capacity, byteLength, default);
    }

    /// <summary>Pins a managed array and wraps it without copying.</summary>
    public static ChunkStorage Pin(Array array, long byteLength)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new ChunkStorage(null, handle.AddrOfPinnedObject(), byteLength, byteLength, handle);
    }

    /// <summary>
    /// Wraps memory owned by <paramref name="owner"/> (e.g. a pinned-object-heap array) without pinning or pooling:
    /// releasing the last lease frees nothing, the GC reclaims the owner when it becomes unreachable.
    /// </summary>
    public static ChunkStorage Unowned(object owner, nint pointer, long byteLength) =>
        new(null, pointer, byteLength, byteLength, default, owner);

    /// <summary>
    /// Wraps memory that <paramref name="owner"/> keeps valid (a memory-mapped file view, a foreign buffer) without
    /// copying; releasing the last lease (or finalising a leaked storage) disposes <paramref name="owner"/>.
    /// </summary>
    public static ChunkStorage External(IDisposable owner, nint pointer, long byteLength)
    {
        var storage = new ChunkStorage(null, pointer, byteLength, byteLength, default, owner);
        storage._externalOwner = true;
        return storage;
    }

    /// <summary>Adds a lease (for a new view).</summary>
    public void AddRef()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _leases);
            ObjectDisposedException.ThrowIf(current <= 0, this);
        }
        while (Interlocked.CompareExchange(ref _leases, current + 1, current) != current);
    }

    /// <summary>Drops a lease; the last one gives the memory back.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _leases);
        if (left > 0)
        {
            return;
        }

        if (left < 0)
        {
            throw new InvalidOperationException("ChunkStorage released more often than leased.");
        }

        var p = _pointer;
        _pointer = 0;
        if (_pool is not null)
        {
            _pool.Return(p, _capacity);
        }
        else if (_pin.IsAllocated)
        {
            _pin.Free();
        }
        else if (_externalOwner)
        {
            ((IDisposable)_owner!).Dispose();
        }

#pragma warning disable CA1816 // Released storage has nothing left to finalize; this is the release path of a refcount, not IDisposable.
        GC.SuppressFinalize(this);
#pragma warning restore CA1816
    }

    private void FreeFromFinalizer()
    {
        var p = _pointer;
        _pointer = 0;
        if (_pool is not null && p != 0)
        {
            // Nothing can reach this storage any more, so its buffer is safe to reuse: a temporary
            // the user never disposed (the Ones in `i * Ones(n, n)`) goes back to the pool.
            _pool.Return(p, _capacity);
        }
        else if (_pin.IsAllocated)
        {
            _pin.Free();
        }
        else if (_externalOwner)
        {
            ((IDisposable)_owner!).Dispose();
        }
    }

    /// <summary>Zeroes <paramref name="length"/> bytes in segments of at most 1 GiB.</summary>
    internal static void ClearBytes(byte* p, long length)
    {
        const long Step = 1L << 30;
        for (long done = 0; done < length; done += Step)
        {
            NativeMemory.Clear(p + done, (nuint)Math.Min(Step, length - done));
        }
    }
}
