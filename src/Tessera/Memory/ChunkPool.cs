using System.Runtime.InteropServices;

namespace Tessera;

/// <summary>
/// A pool of native, aligned buffers for chunk data. Buffers of at least <see cref="PoolingThreshold"/>
/// bytes are rounded up to a size class and kept on a free list when returned, so that a later request
/// of the same class reuses them; the free lists hold at most <see cref="MaxFreeBytes"/> bytes in total,
/// and the excess is freed. Smaller buffers are allocated and freed directly.
/// </summary>
/// <remarks>All members are thread-safe.</remarks>
public sealed class ChunkPool
{
    /// <summary>Requests of at least this many bytes (1 MiB) are pooled by size class.</summary>
    public const long PoolingThreshold = 1L << 20;

    /// <summary>Alignment (2 MiB) and rounding granularity of buffers of 4 MiB or more, so that they can use huge pages.</summary>
    public const long HugePageSize = 2L << 20;

    /// <summary>Buffers of at least this many bytes (64 MiB) first try to recover unreachable leases before mapping fresh memory.</summary>
    public const long ReclaimThreshold = 64L << 20;

    private const long MidGranularity = 256L << 10;
    private const long SmallAlignment = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Stack<nint>> _free = [];
    private long _maxFreeBytes;
    private long _maxFootprintBytes = long.MaxValue;
    private long _freeBytes;
    private long _leasedBytes;
    private long _peakLeasedBytes;
    private long _rentCount;
    private long _reuseCount;
    private long _recycleCount;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="maxFreeBytes">Bound on the bytes kept on the free lists; negative means the default (25% of the memory available to the process).</param>
    public ChunkPool(long maxFreeBytes = -1)
    {
        _maxFreeBytes = maxFreeBytes >= 0 ? maxFreeBytes : DefaultMaxFreeBytes();
    }

    /// <summary>The process-wide pool used by <see cref="NDArray"/> creation methods.</summary>
    public static ChunkPool Shared { get; } = new();

    /// <summary>
    /// Bound, in bytes, on the memory kept on the free lists. Default: 25% of
    /// <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>. Lowering it frees the excess at once.
    /// </summary>
    public long MaxFreeBytes
    {
        get => Volatile.Read(ref _maxFreeBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _maxFreeBytes, value);
            Trim();
        }
    }

    /// <summary>
    /// Bound, in bytes, on the pool's footprint: the buffers handed out plus those kept on the free lists. A returned
    /// buffer is kept only while the footprint stays within it, so cached buffers never take a process past a budget
    /// its owner set (a distributed worker sets it below its spill threshold). Default: no bound
    /// (<see cref="long.MaxValue"/>). Lowering it frees the excess at once.
    /// </summary>
    public long MaxFootprintBytes
    {
        get => Volatile.Read(ref _maxFootprintBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _maxFootprintBytes, value);
            Trim();
        }
    }

    /// <summary>Number of buffers handed out since the pool was created.</summary>
    public long RentCount => Interlocked.Read(ref _rentCount);

    /// <summary>Number of rentals served from a free list instead of a fresh allocation.</summary>
    public long ReuseCount => Interlocked.Read(ref _reuseCount);

    /// <summary>Number of rentals of <see cref="ReuseCount"/> served by cutting or joining cached buffers of other sizes.</summary>
    public long RecycleCount => Interlocked.Read(ref _recycleCount);

    /// <summary>Bytes currently kept on the free lists.</summary>
    public long FreeBytes => Interlocked.Read(ref _freeBytes);

    /// <summary>Bytes (capacity, after rounding) of the buffers currently handed out and not yet returned.</summary>
    public long LeasedBytes => Interlocked.Read(ref _leasedBytes);

    /// <summary>
    /// The most bytes leased at once since the last <see cref="ResetPeakLeasedBytes"/> (process-wide): a
    /// distributed worker learns from it how much memory a kind of task needs while it runs.
    /// </summary>
    public long PeakLeasedBytes => Interlocked.Read(ref _peakLeasedBytes);

    /// <summary>Starts a new peak from the bytes leased now.</summary>
    /// <returns>The bytes leased now.</returns>
    public long ResetPeakLeasedBytes()
    {
        long now = Interlocked.Read(ref _leasedBytes);
        Interlocked.Exchange(ref _peakLeasedBytes, now);
        return now;
    }

    private void Leased(long capacity)
    {
        long now = Interlocked.Add(ref _leasedBytes, capacity);
        long peak = Interlocked.Read(ref _peakLeasedBytes);
        while (now > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peakLeasedBytes, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    /// <summary>Frees every buffer on the free lists.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var (size, stack) in _free)
            {
                while (stack.TryPop(out var p))
                {
                    FreeNative(p, size);
                }
            }

            _free.Clear();
            _freeBytes = 0;
        }
    }

    /// <summary>The capacity a request of <paramref name="bytes"/> is rounded up to.</summary>
    internal static long SizeClass(long bytes)
    {
        if (bytes < PoolingThreshold)
        {
            return RoundUp(Math.Max(bytes, 1), SmallAlignment);
        }

        return bytes < 2 * HugePageSize ? RoundUp(bytes, MidGranularity) : RoundUp(bytes, HugePageSize);
    }

    /// <summary>Rents a buffer of at least <paramref name="bytes"/> bytes; its content is undefined.</summary>
    /// <returns>The buffer address and its capacity in bytes.</returns>
    internal unsafe (nint Pointer, long Capacity) Rent(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var capacity = SizeClass(bytes);
        Interlocked.Increment(ref _rentCount);
        if (capacity >= PoolingThreshold)
        {
            if (TryReuse(capacity) is { } reused)
            {
                return (reused, capacity);
            }

            if (Mapped(capacity) && TryRecycle(capacity) is { } recycled)
            {
                return (recycled, capacity);
            }

            // Before mapping fresh memory for a large buffer, recover the buffers of arrays nobody can
            // reach any more (temporaries never disposed, like the Ones in `i * Ones(n, n)`): their
            // finalizers return them here. A collection costs milliseconds; faulting in fresh pages
            // costs about 0.1 s per GiB, and much more the first time the VM backs them.
            if (capacity >= ReclaimThreshold && Interlocked.Read(ref _leasedBytes) >= capacity)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                if (TryReuse(capacity) is { } recovered)
                {
                    return (recovered, capacity);
                }

                if (Mapped(capacity) && TryRecycle(capacity) is { } rebuilt)
                {
                    return (rebuilt, capacity);
                }
            }
        }

        if (capacity >= PoolingThreshold && Interlocked.Read(ref _freeBytes) > 0 && Exceeds(Interlocked.Read(ref _freeBytes), capacity))
        {
            // Cached buffers of other sizes give way to the new one rather than grow the footprint past its bound.
            Trim(capacity);
        }

        var alignment = capacity >= 2 * HugePageSize ? HugePageSize : (capacity >= PoolingThreshold ? 4096 : SmallAlignment);
        void* p = AllocateNative(capacity, alignment);
        if (p == null)
        {
            // Give the free lists back and retry once before failing.
            Clear();
            p = AllocateNative(capacity, alignment);
            if (p == null)
            {
                throw new InsufficientMemoryException($"Could not allocate {capacity} bytes for a chunk buffer: the system is out of memory.");
            }
        }

        if (alignment == HugePageSize)
        {
            NativeMethods.AdviseHugePages(p, capacity);
        }

        if (capacity >= PoolingThreshold)
        {
            // Pressure follows native allocations (not leases), so reuse does not provoke collections while
            // leaked storages still get finalized when native memory grows.
            GC.AddMemoryPressure(capacity);
        }

        Leased(capacity);
        return ((nint)p, capacity);
    }

    private nint? TryReuse(long capacity)
    {
        lock (_lock)
        {
            if (_free.TryGetValue(capacity, out var stack) && stack.TryPop(out var reused))
            {
                _freeBytes -= capacity;
                Interlocked.Increment(ref _reuseCount);
                Leased(capacity);
                return reused;
            }
        }

        return null;
    }

    /// <summary>
    /// Serves a big request from cached buffers of other sizes by moving their pages, which are already backed, instead
    /// of mapping fresh ones (which cost ~0.1 s per GiB, and on a VM that hands freed memory back to its host 0.3–1 s
    /// per GiB): the smallest cached buffer that is larger is cut (the rest stays cached), or else cached buffers, largest
    /// first, are moved side by side into one range (mremap; the last one cut if it is more than needed). A worker's
    /// pool then serves its 2 GiB facets, 128 MiB accumulators and fetched pieces from the same pages.
    /// </summary>
    /// <returns>The buffer, or null when the cached buffers are too few or the kernel refused a move.</returns>
    private nint? TryRecycle(long capacity)
    {
        lock (_lock)
        {
            long? larger = null;
            long cached = 0;
            foreach (var (size, stack) in _free)
            {
                if (stack.Count == 0 || !Mapped(size))
                {
                    continue;
                }

                cached += size * stack.Count;
                if (size > capacity && (larger is null || size < larger))
                {
                    larger = size;
                }
            }

            if (larger is { } big)
            {
                nint head = _free[big].Pop();
                _freeBytes -= big;
                KeepRest(head + (nint)capacity, big - capacity);
                return Recycled(head, capacity);
            }

            if (cached < capacity)
            {
                return null;
            }

            nint range = PageMappings.Reserve(capacity);
            if (range == 0)
            {
                return null;
            }

            long filled = 0;
            foreach (var size in _free.Keys.Where(Mapped).OrderDescending().ToArray())
            {
                var stack = _free[size];
                while (filled < capacity && stack.TryPop(out var piece))
                {
                    _freeBytes -= size;
                    long take = Math.Min(size, capacity - filled);
                    if (!PageMappings.Move(piece, take, range + (nint)filled))
                    {
                        // Refused (should not happen): keep the piece, and give up the pages already moved.
                        stack.Push(piece);
                        _freeBytes += size;
                        PageMappings.Unmap(range, capacity);
                        if (filled > 0)
                        {
                            GC.RemoveMemoryPressure(filled);
                        }

                        return null;
                    }

                    KeepRest(piece + (nint)take, size - take);
                    filled += take;
                }
            }

            return Recycled(range, capacity);
        }
    }

    /// <summary>Caches the rest of a cut buffer (under the lock), or unmaps it when it is too small to be a mapped class.</summary>
    private void KeepRest(nint rest, long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        if (Mapped(bytes))
        {
            if (!_free.TryGetValue(bytes, out var stack))
            {
                stack = new Stack<nint>();
                _free[bytes] = stack;
            }

            stack.Push(rest);
            _freeBytes += bytes;
            return;
        }

        PageMappings.Unmap(rest, bytes);
        GC.RemoveMemoryPressure(bytes);
    }

    private nint Recycled(nint buffer, long capacity)
    {
        Interlocked.Increment(ref _reuseCount);
        Interlocked.Increment(ref _recycleCount);
        Leased(capacity);
        return buffer;
    }

    /// <summary>Whether buffers of <paramref name="capacity"/> are page mappings (4 MiB or more on Linux), which can be cut and joined.</summary>
    private static bool Mapped(long capacity) => capacity >= 2 * HugePageSize && PageMappings.Available;

    /// <summary>Takes back a buffer handed out by <see cref="Rent"/>; it may be reused at once.</summary>
    internal void Return(nint pointer, long capacity)
    {
        Interlocked.Add(ref _leasedBytes, -capacity);
        if (capacity >= PoolingThreshold)
        {
            lock (_lock)
            {
                if (!Exceeds(_freeBytes + capacity, 0))
                {
                    if (!_free.TryGetValue(capacity, out var stack))
                    {
                        stack = new Stack<nint>();
                        _free[capacity] = stack;
                    }

                    stack.Push(pointer);
                    _freeBytes += capacity;
                    return;
                }
            }
        }

        FreeNative(pointer, capacity);
    }

    /// <summary>Whether <paramref name="cached"/> bytes on the free lists pass <see cref="MaxFreeBytes"/>, or pass <see cref="MaxFootprintBytes"/> beside the leased buffers and <paramref name="incoming"/> fresh bytes.</summary>
    private bool Exceeds(long cached, long incoming) =>
        cached > Volatile.Read(ref _maxFreeBytes) || Interlocked.Read(ref _leasedBytes) + cached + incoming > Volatile.Read(ref _maxFootprintBytes);

    /// <param name="incoming">Bytes about to be mapped fresh: cached buffers make room for them within the footprint bound.</param>
    private void Trim(long incoming = 0)
    {
        lock (_lock)
        {
            if (!Exceeds(_freeBytes, incoming))
            {
                return;
            }

            // Free the largest classes first: fewer frees reach the bound sooner.
            foreach (var size in _free.Keys.OrderDescending().ToArray())
            {
                var stack = _free[size];
                while (Exceeds(_freeBytes, incoming) && stack.TryPop(out var p))
                {
                    FreeNative(p, size);
                    _freeBytes -= size;
                }
            }
        }
    }

    /// <summary>A fresh buffer: a page mapping for the classes that can be cut and joined, else aligned native memory; null when out of memory.</summary>
    private static unsafe void* AllocateNative(long capacity, long alignment)
    {
        if (Mapped(capacity))
        {
            return (void*)PageMappings.Map(capacity);
        }

        try
        {
            return NativeMemory.AlignedAlloc((nuint)capacity, (nuint)alignment);
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
    }

    private static unsafe void FreeNative(nint pointer, long capacity)
    {
        if (Mapped(capacity))
        {
            PageMappings.Unmap(pointer, capacity);
        }
        else
        {
            NativeMemory.AlignedFree((void*)pointer);
        }

        if (capacity >= PoolingThreshold)
        {
            GC.RemoveMemoryPressure(capacity);
        }
    }

    private static long RoundUp(long value, long multiple) => checked((value + multiple - 1) / multiple * multiple);

    private static long DefaultMaxFreeBytes()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? available / 4 : 1L << 30;
    }
}
