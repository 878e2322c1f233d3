using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.NumPySurface;

/// <summary>The new elementwise operations go through the optimizer: slices push through them and chains fuse.</summary>
public class ElementwiseGraphTests
{
    [Fact]
    public void A_where_of_comparisons_and_math_fuses_into_one_task_per_block()
    {
        var x = DArray.Random(3).Normal(0, 1, [40, 40], 10);
        var y = DArray.Where(x > 0, DArray.Abs(x).Sqrt() * 2.0, 0.0);
        var plan = y.Plan(optimize: true);
        // 16 random blocks + 16 fused blocks (abs, sqrt, mul, greater, where in one task each).
        Assert.Equal(32, plan.Graph.Count);
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        using var xs = x.Compute();
        using var ys = y.Compute();
        var a = xs.ToArray();
        var b = ys.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i] > 0 ? System.Math.Sqrt(a[i]) * 2 : 0, b[i], 12);
        }
    }

    [Fact]
    public void A_selection_pushes_through_comparisons_and_where()
    {
        var x = DArray.Random(5).Uniform(-1, 1, [100, 100], 10);
        var whole = DArray.Where(x.Greater(0.0), x, -x);
        var corner = whole[SliceSpec.Range(0, 10), SliceSpec.Range(0, 10)];
        var plan = corner.Plan(optimize: true);
        Assert.True(plan.Graph.Count <= 3, $"{plan.Graph.Count} tasks for one block's worth");
        using var scope = Scheduler.Use(new SynchronousScheduler());
        using var all = whole.Compute();
        using var part = corner.Compute();
        using var expected = all.Slice(SliceSpec.Range(0, 10), SliceSpec.Range(0, 10));
        Assert.True(NDArray.ArrayEqual(expected.Copy(), part));
    }
}
