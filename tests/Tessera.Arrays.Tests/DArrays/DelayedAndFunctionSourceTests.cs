using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

public class DelayedAndFunctionSourceTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromDelayed_computes_the_block(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        var facet = Delayed.Call(k => k * NDArray.Ones<long>(3, 4), 7L);
        var x = DArray.FromDelayed(facet, [3, 4]);
        Assert.Equal(Enumerable.Repeat(7L, 12), x.Compute().ToArray());
        Assert.Equal(Enumerable.Repeat(7L, 4), x[^1].Compute().ToArray());
        Assert.Equal(84L, x.Sum().Compute().ToArray().Single());
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromDelayed_shape_mismatch_names_both_shapes(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        var facet = Delayed.Call(() => NDArray.Ones<long>(3, 5));
        var x = DArray.FromDelayed(facet, [3, 4]);
        var e = Assert.Throws<TaskFailedException>(() => x.Compute());
        var inner = Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("DArray.FromDelayed", inner.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 5)", inner.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 4)", inner.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromDelayed_wrong_element_type_at_compute(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        Delayed untyped = Delayed.Call(() => (object)NDArray.Ones<int>(2));
        var x = DArray.FromDelayed<long>(untyped, [2]);
        var e = Assert.Throws<TaskFailedException>(() => x.Compute());
        Assert.Contains("NDArray`1", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("int64", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromFunction_shape_mismatch_names_both_shapes(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        var x = DArray.FromFunction(info => NDArray.Ones<long>(2, 2), [4, 3], ChunkSpec.BlockShape(2, 2));
        var e = Assert.Throws<TaskFailedException>(() => x.Compute());
        var inner = Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("DArray.FromFunction", inner.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 2)", inner.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 1)", inner.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromFunction_builds_only_the_needed_blocks(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        int calls = 0;
        var built = new System.Collections.Concurrent.ConcurrentBag<string>();
        NDArray<long> Build(BlockInfo info)
        {
            Interlocked.Increment(ref calls);
            built.Add(string.Join(",", info.Index));
            var data = Enumerable.Range(0, (int)info.Shape.Aggregate(1L, (a, b) => a * b))
                .Select(f => (info.Offset[0] + (f / info.Shape[1])) * 100 + info.Offset[1] + (f % info.Shape[1])).ToArray();
            return NDArray.Wrap(data, info.Shape);
        }

        // 10 x 12 in 3 x 4 blocks: a 4 x 3 grid
        var x = DArray.FromFunction(Build, [10, 12], ChunkSpec.BlockShape(3, 4));
        Assert.Equal(Enumerable.Range(0, 12).Select(c => 500L + c), x[5].Compute().ToArray());
        Assert.Equal(3, calls);
        Assert.Equal(["1,0", "1,1", "1,2"], built.Order());

        calls = 0;
        Assert.Equal([305L, 605, 905], x[SliceSpec.Range(3, 10, 3), 5].Compute().ToArray());
        Assert.Equal(3, calls);

        calls = 0;
        Assert.Equal([1011L], x[^1, ^1].Compute().ToArray().Select(v => v + 100));
        Assert.Equal(1, calls);

        calls = 0;
        Assert.Equal([0L, 12], x[SliceSpec.Range(4, 4), ..].Compute().Shape.ToArray());
        Assert.Equal([5L, 0], x[SliceSpec.Range(5, null, 1), SliceSpec.Range(3, 1)].Compute().Shape.ToArray());
        Assert.Equal(0, calls);

        calls = 0;
        var sum = x.Sum(0)[..4].Compute();
        Assert.Equal(Enumerable.Range(0, 4).Select(c => (4500L + (10 * c))), sum.ToArray());
        Assert.Equal(4, calls);
    }
}
