using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Memory;

namespace Tessera.Distributed.Tests.Memory;

/// <summary>Room made ahead of a memory-hungry task, values kept alive while read, views stored compact.</summary>
public sealed class HeadroomTests : IDisposable
{
    private const long MiB = 1L << 20;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tessera-headroom-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>100 MiB limit: target 60, spill 70, pause 80, terminate 95; headroom up to 90.</summary>
    private static WorkerMemoryManager Manager() => new(new MemoryThresholds(100 * MiB, 0.6, 0.7, 0.8, 0.95));

    [Fact]
    public void ATaskThatFitsSpillsNothing()
    {
        WorkerMemoryManager m = Manager();
        m.Add("a", 20 * MiB);
        Assert.Empty(m.SpillForHeadroom(processBytes: 40 * MiB, needed: 50 * MiB));
        Assert.Empty(m.SpillForHeadroom(processBytes: 80 * MiB, needed: 0));
    }

    [Fact]
    public void ATaskThatWouldPassNinetyPercentSpillsLeastRecentlyUsedUnpinnedResultsFirst()
    {
        WorkerMemoryManager m = Manager();
        foreach (string k in new[] { "a", "b", "c", "d" })
        {
            m.Add(k, 10 * MiB);
        }

        m.Touch("a");
        m.Pin("b");

        // 50 MiB process + 60 MiB need = 110 > 90: 20 MiB must go; b is pinned (an input of the task), a was just read.
        Assert.Equal(["c", "d"], m.SpillForHeadroom(processBytes: 50 * MiB, needed: 60 * MiB));

        // More than can be spilled: everything unpinned goes, oldest first, and the task runs anyway.
        Assert.Equal(["c", "d", "a"], m.SpillForHeadroom(processBytes: 80 * MiB, needed: 90 * MiB));
    }

    [Fact]
    public void AKeyPinnedOrAlreadyBeingWrittenIsNotWrittenAgain()
    {
        WorkerMemoryManager m = Manager();
        m.Add("a", 10 * MiB);
        m.Add("b", 10 * MiB);
        m.Pin("b");
        Assert.True(m.BeginSpill("a"));
        Assert.False(m.BeginSpill("a"));
        Assert.False(m.BeginSpill("b"));
        Assert.False(m.BeginSpill("missing"));
    }

    [Fact]
    public void AValueReadByATransferOutlivesItsRelease()
    {
        using var store = new WorkerStore(new MemoryThresholds(100 * MiB, 0.6, 0.7, 0.8, null), _dir);
        NDArray<double> value = NDArray.Arange<double>(1024);
        store.Put("k", value, 8 * 1024);
        Assert.True(store.TryGet("k", out object? read));
        Assert.Same(value, read);
        store.Release("k");
        Assert.False(value.IsDisposed);
        Assert.Equal(1023.0, value[1023]);
        store.Return("k");
        Assert.True(value.IsDisposed);
    }

    [Fact]
    public void ASmallViewIsStoredAsACompactCopyALargeShareStaysAViewAndOtherValuesAsTheyAre()
    {
        using NDArray<long> facet = NDArray.Arange<long>(64 * 64).Reshape(64, 64);
        NDArray<long> piece = facet[..16, 8..24];
        Assert.False(piece.OwnsBuffer);
        Assert.Equal(64 * 64 * 8L, piece.BufferBytes);
        var stored = (NDArray<long>)NDArrayCodec.Compact(piece, 8)!;
        Assert.True(stored.OwnsBuffer);
        Assert.True(piece.IsDisposed);
        Assert.Equal(8L, stored[0, 0]);
        Assert.Equal((15 * 64) + 23L, stored[15, 15]);
        Assert.Equal(16 * 16 * 8L, stored.BufferBytes);
        stored.Dispose();

        // A sixteenth of its buffer: copied when views must hold an eighth or more, kept when a sixteenth will do.
        NDArray<long> share = facet[16..32, 16..32];
        Assert.Same(share, NDArrayCodec.Compact(share, 16));
        Assert.False(share.IsDisposed);
        Assert.Equal((16 * 64) + 16L, share[0, 0]);
        share.Dispose();
        Assert.False(facet.IsDisposed);

        using NDArray<long> whole = NDArray.Arange<long>(10);
        Assert.Same(whole, NDArrayCodec.Compact(whole, 64));
        Assert.Equal("text", NDArrayCodec.Compact("text", 64));
        Assert.Null(NDArrayCodec.Compact(null, 64));
    }
}
