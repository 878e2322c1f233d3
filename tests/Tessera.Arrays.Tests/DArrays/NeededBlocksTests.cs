using System.Collections.Concurrent;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Slice pushdown through each operation builds only the source blocks the selection needs.</summary>
public class NeededBlocksTests
{
    private sealed class Counting
    {
        public ConcurrentBag<string> Built { get; } = [];

        /// <summary>A 2-d source in 2 x 3 blocks whose values are 100 * tag + 10 * row + column.</summary>
        public DArray<long> Source(int tag, long rows = 6, long cols = 9) => DArray.FromFunction(
            info =>
            {
                Built.Add($"{tag}:{string.Join(",", info.Index)}");
                return Gen.ToNd(Oracle.Dense.Build(info.Shape, ix => (100 * tag) + (10 * (ix[0] + info.Offset[0])) + ix[1] + info.Offset[1]));
            },
            [rows, cols],
            ChunkSpec.BlockShape(2, 3));

        public string[] Sorted => [.. Built.Order()];
    }

    [Fact]
    public void Concatenate_then_select_inside_one_item()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var x = DArray.Concatenate([c.Source(1), c.Source(2), c.Source(3)]);
        Assert.Equal([200L + 30 + 4], x[9, 4].Compute().ToArray());
        Assert.Equal(["2:1,1"], c.Sorted);
    }

    [Fact]
    public void Concatenate_step_across_items()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var x = DArray.Concatenate([c.Source(1), c.Source(2), c.Source(3)]);
        Assert.Equal([150L, 220, 250, 320], x[SliceSpec.Range(5, 15, 3), 0].Compute().ToArray());
        Assert.Equal(["1:2,0", "2:1,0", "2:2,0", "3:1,0"], c.Sorted);
    }

    [Fact]
    public void Stack_then_index_one_item()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var x = DArray.Stack([c.Source(1), c.Source(2), c.Source(3)]);
        Assert.Equal([300L, 301, 302, 303, 304, 305, 306, 307, 308], x[2, 0].Compute().ToArray());
        Assert.Equal(["3:0,0", "3:0,1", "3:0,2"], c.Sorted);
    }

    [Fact]
    public void Elementwise_with_broadcast_then_index()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var row = c.Source(5, 1, 9);
        var y = (c.Source(1) * 2L) + row;
        Assert.Equal([(2 * 145L) + 505], y[4, 5].Compute().ToArray());
        Assert.Equal(["1:2,1", "5:0,1"], c.Sorted);
    }

    [Fact]
    public void Reduction_over_other_axis_then_index()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var s = c.Source(1).Sum(1);
        Assert.Equal([Enumerable.Range(0, 9).Sum(j => 130L + j)], s[3].Compute().ToArray());
        Assert.Equal(["1:1,0", "1:1,1", "1:1,2"], c.Sorted);
    }

    [Fact]
    public void Rechunk_then_slice()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var x = c.Source(1).Rechunk(ChunkSpec.BlockShape(3, 9));
        Assert.Equal([140L, 141, 142], x[4, ..3].Compute().ToArray());
        Assert.Equal(["1:2,0"], c.Sorted);
    }

    [Fact]
    public void Slice_of_slice()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var c = new Counting();
        var x = c.Source(1)[1.., SliceSpec.Range(1, null, 2)][SliceSpec.Range(2, null, 2), ^1];
        Assert.Equal([137L, 157], x.Compute().ToArray());
        Assert.Equal(["1:1,2", "1:2,2"], c.Sorted);
    }
}
