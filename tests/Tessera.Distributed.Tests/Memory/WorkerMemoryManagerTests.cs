using Tessera.Distributed.Memory;

namespace Tessera.Distributed.Tests.Memory;

public sealed class WorkerMemoryManagerTests
{
    private const long MiB = 1L << 20;

    /// <summary>100 MiB limit: target 60, spill 70, pause 80 (resume below 75), terminate 95.</summary>
    private static WorkerMemoryManager Manager(double? target = 0.6, double? spill = 0.7, double? pause = 0.8, double? terminate = 0.95, long limit = 100 * MiB) =>
        new(new MemoryThresholds(limit, target, spill, pause, terminate));

    [Fact]
    public void NothingSpillsUnderTheTarget()
    {
        WorkerMemoryManager m = Manager();
        for (int i = 0; i < 6; i++)
        {
            m.Add("k" + i, 10 * MiB);
        }

        Assert.Equal(60 * MiB, m.ManagedBytes);
        Assert.Empty(m.SpillForTarget());
    }

    [Fact]
    public void PastTheTargetTheLeastRecentlyUsedSpillFirst()
    {
        WorkerMemoryManager m = Manager();
        for (int i = 0; i < 8; i++)
        {
            m.Add("k" + i, 10 * MiB);
        }

        m.Touch("k0");
        m.Touch("k2");

        // 80 MiB held, target 60: two keys go, the oldest uses first (k1, k3; k0 and k2 were just read).
        Assert.Equal(["k1", "k3"], m.SpillForTarget());
    }

    [Fact]
    public void PinnedAndUnspillableKeysAreSkipped()
    {
        WorkerMemoryManager m = Manager();
        for (int i = 0; i < 8; i++)
        {
            m.Add("k" + i, 10 * MiB);
        }

        m.Pin("k0");
        m.MarkUnspillable("k1");
        Assert.Equal(["k2", "k3"], m.SpillForTarget());
        m.Unpin("k0");
        Assert.Equal(["k0", "k2"], m.SpillForTarget());
    }

    [Fact]
    public void SpillingKeysCountAsLeavingAndMoveToSpilledBytes()
    {
        WorkerMemoryManager m = Manager();
        for (int i = 0; i < 8; i++)
        {
            m.Add("k" + i, 10 * MiB);
        }

        m.BeginSpill("k0");
        m.BeginSpill("k1");
        Assert.Empty(m.SpillForTarget());
        m.EndSpill("k0", spilled: true);
        m.EndSpill("k1", spilled: false);
        Assert.Equal(70 * MiB, m.ManagedBytes);
        Assert.Equal(10 * MiB, m.SpilledBytes);
        Assert.True(m.IsSpilled("k0"));
        Assert.Equal(["k1"], m.SpillForTarget());

        m.Loaded("k0");
        Assert.Equal(80 * MiB, m.ManagedBytes);
        Assert.Equal(0, m.SpilledBytes);

        // Read back, k0 is the most recently used.
        Assert.Equal(["k1", "k2"], m.SpillForTarget());
        m.Remove("k1");
        m.Remove("k0");
        Assert.Equal(60 * MiB, m.ManagedBytes);
    }

    [Fact]
    public void ProcessMemoryPastSpillSpillsUntilTheEstimateIsUnderTheTarget()
    {
        WorkerMemoryManager m = Manager();
        for (int i = 0; i < 5; i++)
        {
            m.Add("k" + i, 10 * MiB);
        }

        // 50 MiB managed is under the target, but the process holds 72 MiB (unmanaged memory): spill 12+ MiB, LRU.
        Assert.Empty(m.Check(69 * MiB).Spill);
        MemoryCheck c = m.Check(72 * MiB);
        Assert.Equal(["k0", "k1"], c.Spill);
        Assert.Equal(MemoryAction.None, c.Action);
    }

    [Fact]
    public void PauseAndResumeWithHysteresis()
    {
        WorkerMemoryManager m = Manager();
        Assert.Equal(MemoryAction.None, m.Check(79 * MiB).Action);
        Assert.Equal(MemoryAction.Pause, m.Check(81 * MiB).Action);
        Assert.True(m.Paused);
        Assert.Equal(MemoryAction.None, m.Check(85 * MiB).Action);

        // Below the pause threshold but not by the 5% margin: still paused.
        Assert.Equal(MemoryAction.None, m.Check(77 * MiB).Action);
        Assert.True(m.Paused);
        Assert.Equal(MemoryAction.Resume, m.Check(74 * MiB).Action);
        Assert.False(m.Paused);
        Assert.Equal(MemoryAction.None, m.Check(74 * MiB).Action);
        Assert.Equal(MemoryAction.Pause, m.Check(90 * MiB).Action);
    }

    [Fact]
    public void TerminateAboveTheTerminateThreshold()
    {
        WorkerMemoryManager m = Manager();
        Assert.Equal(MemoryAction.Pause, m.Check(94 * MiB).Action);
        Assert.Equal(MemoryAction.Terminate, m.Check(96 * MiB).Action);
    }

    [Fact]
    public void DisabledThresholdsDoNothing()
    {
        WorkerMemoryManager none = Manager(limit: 0);
        none.Add("k", 1L << 40);
        Assert.Empty(none.SpillForTarget());
        Assert.Equal(new MemoryCheck([], MemoryAction.None), none.Check(long.MaxValue));

        WorkerMemoryManager off = Manager(target: null, spill: null, pause: null, terminate: null);
        off.Add("k", 200 * MiB);
        Assert.Empty(off.SpillForTarget());
        MemoryCheck c = off.Check(200 * MiB);
        Assert.Empty(c.Spill);
        Assert.Equal(MemoryAction.None, c.Action);
        Assert.False(MemoryThresholds.None.WatchesProcess);
    }

    [Fact]
    public void InProcessWorkersOnlySpillManagedData()
    {
        var options = new Hosting.WorkerOptions { SchedulerAddress = "tcp://x:1", MemoryLimit = 100 * MiB };
        MemoryThresholds own = MemoryThresholds.From(options, ownsProcess: true);
        MemoryThresholds shared = MemoryThresholds.From(options, ownsProcess: false);
        Assert.Equal(new MemoryThresholds(100 * MiB, 0.6, 0.7, 0.8, 0.95), own);
        Assert.Equal(new MemoryThresholds(100 * MiB, 0.6, null, null, null), shared);
        Assert.False(shared.WatchesProcess);
        Assert.Same(MemoryThresholds.None, MemoryThresholds.From(options with { MemoryLimit = 0 }, ownsProcess: true));
    }

    [Fact]
    public void FractionFlagsParse()
    {
        Assert.Equal(0.6, Hosting.WorkerCommand.Fraction("0.6"));
        Assert.Null(Hosting.WorkerCommand.Fraction("false"));
        Assert.Throws<FormatException>(() => Hosting.WorkerCommand.Fraction("1.5"));
    }
}
