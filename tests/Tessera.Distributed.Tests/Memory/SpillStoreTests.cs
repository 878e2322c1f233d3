using Microsoft.Extensions.Time.Testing;
using Tessera.Distributed.Hosting;
using Tessera.Distributed.Memory;
using Tessera.Distributed.Tests.Integration;

namespace Tessera.Distributed.Tests.Memory;

public sealed class SpillStoreTests : IDisposable
{
    private const long MiB = 1L << 20;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tessera-spill-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private WorkerStore Store(long limit = 10 * MiB, double? spill = 0.7, double? pause = 0.8) =>
        new(new MemoryThresholds(limit, 0.6, spill, pause, null), _dir);

    private int Files() => Directory.Exists(_dir) ? Directory.GetFiles(_dir).Length : 0;

    /// <summary>A 1 MiB float64 block whose element i is <paramref name="seed"/> + i.</summary>
    private static NDArray<double> Block(int seed) => NDArray.Arange<double>(seed, seed + (MiB / 8), 1).Reshape(256, 512);

    [Fact]
    public void ArraysAndUserValuesSpillPastTheTargetAndReadBackIdentical()
    {
        using WorkerStore store = Store();
        for (int i = 0; i < 10; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        var point = new Point(1.5, -2);
        store.Put("p", point, 64);
        store.Put("list", new List<string> { "x", "y" }, 64);

        // 10 MiB + 128 B held, target 6 MiB: the 4 (then 5) least recently used arrays went to disk, LRU.
        Assert.Equal(5 * MiB, store.SpilledBytes);
        Assert.Equal(5, Files());
        Assert.True(store.NBytes <= 6 * MiB);
        Assert.Equal(12, store.Count);

        for (int i = 0; i < 10; i++)
        {
            var a = (NDArray<double>)store.Get("a" + i)!;
            store.Unpin("a" + i);
            using NDArray<double> expected = Block(i);
            Assert.True(NDArray.ArrayEqual(expected, a), $"a{i} differs after a round trip through disk");
        }

        Assert.True(store.TryGet("p", out object? p));
        store.Return("p");
        Assert.Equal(point, p);
        Assert.Equal(["x", "y"], (List<string>)store.Get("list")!);
        Assert.True(store.SpillWrites >= 5);
    }

    [Fact]
    public void SpillCodecRoundTripsRawConstantStridedAndEncodedValues()
    {
        Directory.CreateDirectory(_dir);
        var shipper = new Tessera.Distributed.Shipping.CodeShipper();
        using NDArray<double> raw = Block(7);
        using NDArray<int> constant = NDArray.Full(5, 300, 400);
        using NDArray<double> strided = raw.Transpose();
        object?[] values = [raw, constant, strided, new Point(3, 4), null, NDArray.Arange<long>(0)];
        for (int i = 0; i < values.Length; i++)
        {
            string path = Path.Combine(_dir, i + ".spill");
            SpillCodec.Write(path, values[i], shipper);
            object? back = SpillCodec.Read(path, Tessera.Distributed.Shipping.CodeLoader.Default);
            switch (values[i])
            {
                case NDArray<double> a:
                    Assert.True(NDArray.ArrayEqual(a, (NDArray<double>)back!));
                    break;
                case NDArray<int> a:
                    Assert.True(NDArray.ArrayEqual(a, (NDArray<int>)back!));
                    break;
                case NDArray<long> a:
                    Assert.Equal(a.Shape.ToArray(), ((NDArray<long>)back!).Shape.ToArray());
                    break;
                default:
                    Assert.Equal(values[i], back);
                    break;
            }
        }

        // A constant spills as its one element.
        Assert.True(new FileInfo(Path.Combine(_dir, "1.spill")).Length < 100);
    }

    [Fact]
    public void SpilledKeysReadBackForTheDataServerAndPinnedKeysStay()
    {
        using WorkerStore store = Store();
        for (int i = 0; i < 6; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        // Pinned by a "running task": never spilled under it, whatever the pressure.
        Assert.NotNull(store.Get("a0"));
        for (int i = 6; i < 12; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        Assert.False(IsOnDisk(store, "a0"));
        Assert.True(IsOnDisk(store, "a1"));
        store.Unpin("a0");

        Assert.True(store.TryGet("a1", out object? v));
        using (NDArray<double> expected = Block(1))
        {
            Assert.True(NDArray.ArrayEqual(expected, (NDArray<double>)v!));
        }

        store.Return("a1");
        Assert.False(store.TryGet("missing", out _));
    }

    [Fact]
    public void ReleaseAndClearDeleteSpillFiles()
    {
        WorkerStore store = Store();
        for (int i = 0; i < 12; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        int before = Files();
        Assert.Equal(6, before);
        store.Release("a0");
        Assert.Equal(before - 1, Files());
        Assert.Equal(5 * MiB, store.SpilledBytes);
        store.Clear();
        Assert.False(Directory.Exists(_dir));
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.NBytes);
        Assert.Equal(0, store.SpilledBytes);
    }

    [Fact]
    public void SpillingReleasesPooledArraysUnlessAnotherKeyHoldsThem()
    {
        using WorkerStore store = Store();
        NDArray<double> shared = Block(0);
        store.Put("x", shared, MiB);
        store.Put("alias", shared, MiB);
        NDArray<double> lone = Block(1);
        store.Put("lone", lone, MiB);
        for (int i = 0; i < 8; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        Assert.True(IsOnDisk(store, "x"));
        Assert.True(IsOnDisk(store, "lone"));
        Assert.True(lone.IsDisposed);
        Assert.True(IsOnDisk(store, "alias") || !shared.IsDisposed);
    }

    [Fact]
    public void UnencodableValuesStayInMemory()
    {
        using WorkerStore store = Store();
        var holder = new Holder(Thread.CurrentThread);
        store.Put("h", holder, 8 * MiB);
        store.Put("a", Block(0), MiB);
        Assert.Same(holder, store.Get("h"));
        Assert.Equal(0, Files() - (IsOnDisk(store, "a") ? 1 : 0));
    }

    [Fact]
    public async Task MonitorSpillsPausesAndResumesOnReadingsWithAFakeClock()
    {
        var time = new FakeTimeProvider();
        using WorkerStore store = Store(limit: 100 * MiB);
        for (int i = 0; i < 20; i++)
        {
            store.Put("a" + i, Block(i), MiB);
        }

        long reading = 50 * MiB;
        var actions = new List<MemoryAction>();
        await using var monitor = new WorkerMemoryMonitor(time, TimeSpan.FromMilliseconds(100), () => reading, store.CheckProcessMemory, (a, _) => actions.Add(a));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, store.SpilledBytes);
        Assert.Empty(actions);

        // Unmanaged memory pushes the process to 85 MiB: spill down to the 60 MiB target (25 MiB, but only 20 are held) and pause.
        reading = 85 * MiB;
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(20 * MiB, store.SpilledBytes);
        Assert.Equal([MemoryAction.Pause], actions);
        Assert.True(store.Paused);
        Assert.Equal(85 * MiB, monitor.LastReading);

        reading = 78 * MiB;
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([MemoryAction.Pause], actions);
        reading = 60 * MiB;
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([MemoryAction.Pause, MemoryAction.Resume], actions);
        Assert.False(store.Paused);
    }

    [Fact]
    public async Task PauseGateHoldsWaitersUntilResumed()
    {
        var gate = new PauseGate();
        await gate.WaitAsync(CancellationToken.None);
        gate.Pause();
        Task waiting = gate.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        gate.Resume();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(gate.IsPaused);
    }

    private static bool IsOnDisk(WorkerStore store, string key) => store.IsSpilled(key);
}
