using Tessera.Arrays.Tests.Oracle;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

public class BlockwiseFusionTests
{
    [Fact]
    public void Constants_and_the_reductions_block_step_fuse_into_the_elementwise_tasks()
    {
        var x = DArray.Ones<double>([40, 30], 10);
        var y = ((x + 1.0) * 2.0 - x).Sum(axis: 0);
        var plan = y.Plan(optimize: true);

        // 12 blocks: no task makes a block of ones, no task only adds and multiplies; the 12 fused
        // tasks (elementwise + per-block sum) are combined 4 at a time down the 4 rows of blocks.
        Assert.DoesNotContain(plan.Graph.Layers, l => l.Name.StartsWith("full-", StringComparison.Ordinal));
        Assert.Equal(12 + 3, plan.Graph.Count);
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.All(y.Compute().ToArray(), v => Assert.Equal(120.0, v));
    }

    [Fact]
    public void An_elementwise_node_read_twice_is_computed_once_and_stays_right()
    {
        var random = new Random(7);
        var dense = Dense.Random(random, [9, 7]);
        using var data = NDArray.Wrap(dense.Data, 9, 7);
        var a = DArray.FromArray(data, ChunkSpec.PerAxis([4, 5], [3, 4]));
        var y = a * 2;
        var both = DArray.Concatenate([y.Sum(axis: 0), y.Max(axis: 0)], axis: 0);
        var sum = dense.Reduce([0], false, (p, q) => p + (2 * q), 0);
        var max = dense.Reduce([0], false, (p, q) => Math.Max(p, 2 * q), long.MinValue);
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.Equal(sum.Data.Concat(max.Data), both.Compute().ToArray());
    }
}
