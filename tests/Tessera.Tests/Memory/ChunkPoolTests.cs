namespace Tessera.Tests.Chunks.Memory;

[CollectionDefinition(nameof(ChunkPoolCollection), DisableParallelization = true)]
public sealed class ChunkPoolCollection;

/// <summary>Tests that read <see cref="ChunkPool.Shared"/> statistics; they run alone so other tests do not disturb the counts.</summary>
[Collection(nameof(ChunkPoolCollection))]
public class ChunkPoolTests
{
    private const long PooledLongs = 1 << 19; // 4 MiB of int64: pooled, 2 MiB aligned

    [Fact]
    public unsafe void DisposedBufferIsReusedAtSameAddress()
    {
        var pool = ChunkPool.Shared;
        var a = NDArray.Empty<long>(PooledLongs);
        var address = (nint)a.Pointer;
        Assert.Equal(0, address % ChunkPool.HugePageSize);
        a.Dispose();
        var reuses = pool.ReuseCount;
        var rents = pool.RentCount;
        using var b = NDArray.Empty<long>(PooledLongs);
        Assert.Equal(rents + 1, pool.RentCount);
        Assert.Equal(reuses + 1, pool.ReuseCount);
        Assert.Equal(address, (nint)b.Pointer);
    }

    [Fact]
    public unsafe void ViewKeepsBufferOutOfPoolAfterBaseDispose()
    {
        var a = NDArray.Full(5L, PooledLongs);
        var address = (nint)a.Pointer;
        var view = a.Slice(SliceSpec.Range(10, 20));
        a.Dispose();
        Assert.Equal(2, view.Storage.Leases + 1); // base lease gone, view's remains
        Assert.Throws<ObjectDisposedException>(() => a[0]);
        Assert.Throws<ObjectDisposedException>(() => a.Sum());
        Assert.Throws<ObjectDisposedException>(() => a.Slice(0));
        Assert.Throws<ObjectDisposedException>(() => a.ToArray());

        using var other = NDArray.Empty<long>(PooledLongs);
        Assert.NotEqual(address, (nint)other.Pointer);
        Assert.Equal(50, view.SumAll());
        view.Dispose();
        view.Dispose(); // idempotent
        Assert.Equal(0, view.Storage.Leases);

        using var again = NDArray.Empty<long>(PooledLongs);
        Assert.Equal(address, (nint)again.Pointer);
    }

    [Fact]
    public void LeasedBytesReturnToBaseline()
    {
        var pool = ChunkPool.Shared;
        var baseline = pool.LeasedBytes;
        var r = new Random(1);
        var live = new List<IDisposable>();
        for (var i = 0; i < 40; i++)
        {
            var n = r.Next(1, 3 << 18);
            var a = NDArray.Zeros<double>(n);
            live.Add(a);
            live.Add(a.Slice(SliceSpec.Every(3)));
            using var sum = a + a;
            if (r.Next(2) == 0)
            {
                var k = r.Next(live.Count);
                live[k].Dispose();
                live.RemoveAt(k);
            }
        }

        Assert.True(pool.LeasedBytes > baseline);
        foreach (var d in live)
        {
            d.Dispose();
        }

        Assert.Equal(baseline, pool.LeasedBytes);
    }

    [Fact]
    public void ReleaseResultDisposes()
    {
        var pool = ChunkPool.Shared;
        var baseline = pool.LeasedBytes;
        var a = NDArray.Zeros<byte>(3 << 20);
        Release(a);
        Release(a);
        Assert.Equal(baseline, pool.LeasedBytes);
        Assert.True(a.IsDisposed);

        static void Release(Tessera.Scheduling.IReleasableResult r) => r.ReleaseResult();
    }

    [Fact]
    public void WrappedArraysAreNotPooled()
    {
        var pool = ChunkPool.Shared;
        var leased = pool.LeasedBytes;
        using (var w = NDArray.Wrap(new long[1 << 20]))
        {
            Assert.Equal(leased, pool.LeasedBytes);
            Assert.True(w.Storage.IsPinnedManaged);
        }

        Assert.Equal(leased, pool.LeasedBytes);
    }

    [Fact]
    public void FreeListIsBoundedAndTrimmed()
    {
        var pool = new ChunkPool(maxFreeBytes: 8 << 20);
        var buffers = Enumerable.Range(0, 4).Select(_ => pool.Rent(4 << 20)).ToList();
        Assert.Equal(16L << 20, pool.LeasedBytes);
        foreach (var (p, c) in buffers)
        {
            pool.Return(p, c);
        }

        Assert.Equal(0, pool.LeasedBytes);
        Assert.Equal(8L << 20, pool.FreeBytes);
        pool.MaxFreeBytes = 4 << 20;
        Assert.Equal(4L << 20, pool.FreeBytes);
        var again = pool.Rent((4 << 20) - 100);
        Assert.Equal(1, pool.ReuseCount);
        pool.Return(again.Pointer, again.Capacity);
        pool.Clear();
        Assert.Equal(0, pool.FreeBytes);
    }

    [Fact]
    public void FootprintBoundKeepsOnlyWhatFitsBesideTheLeasedBuffers()
    {
        const long MiB = 1 << 20;
        var pool = new ChunkPool(maxFreeBytes: 64 * MiB) { MaxFootprintBytes = 16 * MiB };
        var a = pool.Rent(4 * MiB);
        var b = pool.Rent(4 * MiB);
        var c = pool.Rent(8 * MiB);
        var e = pool.Rent(2 * MiB);

        // 18 MiB leased. Returning c leaves 10 leased + 8 cached: past the bound, so it is freed; then e and b fit.
        pool.Return(c.Pointer, c.Capacity);
        Assert.Equal(0, pool.FreeBytes);
        pool.Return(e.Pointer, e.Capacity);
        pool.Return(b.Pointer, b.Capacity);
        Assert.Equal(6 * MiB, pool.FreeBytes);
        Assert.Equal(4 * MiB, pool.LeasedBytes);

        // A fresh buffer that would take the footprint past the bound makes cached ones (largest first) give way.
        var d = pool.Rent(8 * MiB);
        Assert.Equal(0, pool.ReuseCount);
        Assert.Equal(2 * MiB, pool.FreeBytes);
        Assert.Equal(12 * MiB, pool.LeasedBytes);

        // Lowering the bound applies at once; reuse of the same size still works within it.
        pool.Return(d.Pointer, d.Capacity);
        Assert.Equal(10 * MiB, pool.FreeBytes);
        pool.MaxFootprintBytes = 8 * MiB;
        Assert.Equal(2 * MiB, pool.FreeBytes);
        pool.Return(a.Pointer, a.Capacity);
        Assert.Equal(6 * MiB, pool.FreeBytes);
        var again = pool.Rent(4 * MiB);
        Assert.Equal(1, pool.ReuseCount);
        pool.Return(again.Pointer, again.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.MaxFootprintBytes = -1);
        pool.Clear();
    }

    [Fact]
    public unsafe void CachedPagesServeOtherSizesByCuttingAndJoining()
    {
        const long MiB = 1 << 20;
        var pool = new ChunkPool(maxFreeBytes: 64 * MiB);
        var big = pool.Rent(16 * MiB);
        for (int k = 0; k < 4; k++)
        {
            *(long*)(big.Pointer + (nint)(k * 4 * MiB)) = 1000 + k;
        }

        pool.Return(big.Pointer, big.Capacity);

        // Cut: an 8 MiB request takes the head of the cached 16 MiB buffer (its pages, not fresh zeroed ones); the
        // other half stays cached and serves the next 8 MiB request as it is.
        var head = pool.Rent(8 * MiB);
        Assert.Equal(big.Pointer, head.Pointer);
        Assert.Equal(1, pool.RecycleCount);
        Assert.Equal(8 * MiB, pool.FreeBytes);
        Assert.Equal(1000, *(long*)head.Pointer);
        var tail = pool.Rent(8 * MiB);
        Assert.Equal(big.Pointer + (nint)(8 * MiB), tail.Pointer);
        Assert.Equal(1002, *(long*)tail.Pointer);
        Assert.Equal(1, pool.RecycleCount);
        Assert.Equal(2, pool.ReuseCount);
        pool.Return(head.Pointer, head.Capacity);
        pool.Return(tail.Pointer, tail.Capacity);

        // Join: a 16 MiB request moves the two cached halves side by side, with their contents.
        var joined = pool.Rent(16 * MiB);
        Assert.Equal(2, pool.RecycleCount);
        Assert.Equal(0, pool.FreeBytes);
        Assert.Equal(16 * MiB, pool.LeasedBytes);
        Assert.Equal(0, joined.Pointer % ChunkPool.HugePageSize);
        long first = *(long*)joined.Pointer;
        long second = *(long*)(joined.Pointer + (nint)(8 * MiB));
        Assert.Equal([1000L, 1002L], new[] { first, second }.Order());
        Assert.Equal(first + 1, *(long*)(joined.Pointer + (nint)(4 * MiB)));
        Assert.Equal(second + 1, *(long*)(joined.Pointer + (nint)(12 * MiB)));
        new Span<byte>((void*)joined.Pointer, (int)(16 * MiB)).Fill(7);
        pool.Return(joined.Pointer, joined.Capacity);

        // A request bigger than every cached buffer but within their sum joins and cuts the last one it needs.
        var a = pool.Rent(8 * MiB);
        var b = pool.Rent(8 * MiB);
        pool.Return(a.Pointer, a.Capacity);
        pool.Return(b.Pointer, b.Capacity);
        var twelve = pool.Rent(12 * MiB);
        Assert.Equal(4 * MiB, pool.FreeBytes);
        Assert.Equal(12 * MiB, pool.LeasedBytes);
        Assert.Equal(7, *(byte*)(twelve.Pointer + (nint)(12 * MiB) - 1));

        // Beyond what is cached, memory is mapped fresh.
        long recycled = pool.RecycleCount;
        var fresh = pool.Rent(32 * MiB);
        Assert.Equal(recycled, pool.RecycleCount);
        Assert.Equal(0, *(long*)fresh.Pointer);
        pool.Return(twelve.Pointer, twelve.Capacity);
        pool.Return(fresh.Pointer, fresh.Capacity);
        pool.Clear();
        Assert.Equal(0, pool.FreeBytes);
        Assert.Equal(0, pool.LeasedBytes);
    }

    [Fact]
    public void SizeClassesAvoidDoubling()
    {
        Assert.Equal(2L << 30, ChunkPool.SizeClass(2L << 30));
        Assert.Equal((2L << 30) + (2 << 20), ChunkPool.SizeClass((2L << 30) + 1));
        Assert.Equal(1L << 20, ChunkPool.SizeClass((1 << 20) - 5 + 5));
        Assert.Equal(64, ChunkPool.SizeClass(1));
    }

    [Fact]
    public void LeakedArrayIsFreedByFinalizer()
    {
        var pool = ChunkPool.Shared;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = pool.LeasedBytes;
        Leak();
        Assert.True(pool.LeasedBytes > baseline);
        for (var i = 0; i < 5 && pool.LeasedBytes != baseline; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(baseline, pool.LeasedBytes);

        static void Leak()
        {
            var a = NDArray.Zeros<long>(PooledLongs);
            var v = a.Slice(SliceSpec.Range(1, 5));
            GC.KeepAlive(v);
        }
    }

    [Fact]
    public void HugeByteArrayBeyondInt32Elements()
    {
        var n = (1L << 31) + 16;
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < 6L << 30)
        {
            return; // not enough memory on this machine
        }

        using var a = NDArray.Zeros<byte>(n);
        Assert.Equal(n, a.Size);
        Assert.Equal(3, a.SegmentCount);
        using (var tail = a.Slice(SliceSpec.Range(n - 100, null)))
        {
            tail.Fill(2);
        }

        a[n - 1] = 7;
        using var last = a.Slice(SliceSpec.Range(-1000, null));
        using var wide = last.AsType<long>();
        Assert.Equal((99 * 2) + 7, wide.SumAll());
        Assert.Equal(7, a.MaxAll()); // whole-array reduction across three segments
        Assert.Equal(2, a.GetSegment(2)[^2]);
    }
}
