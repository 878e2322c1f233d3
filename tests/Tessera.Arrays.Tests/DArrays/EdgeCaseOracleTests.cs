using Tessera.Arrays.Tests.Oracle;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Empty selections, 0-d results, single blocks and thin blocks through every operation.</summary>
public class EdgeCaseOracleTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Reductions_of_selections_including_empty_ones(string scheduler) => Gen.ForAll(scheduler, 70, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var (x, d) = Gen.Random(r, shape);
        var (s, ds) = Gen.Selection(r, shape);
        var sel = d.Slice(ds);
        if (sel.NDim == 0)
        {
            return;
        }

        var axes = Gen.AxisSet(r, sel.NDim).Select(a => a < 0 ? a + sel.NDim : a).Distinct().Order().ToArray();
        bool keep = r.Next(2) == 0;
        int split = r.Next(2, 6);
        string ctx = $"case {i} {Gen.Describe(s)} axes [{string.Join(",", axes)}] keep={keep}";
        Gen.Equal(sel.Reduce(axes, keep, (a, b) => a + b, 0), x[s].Sum(axes, keep, split).Compute(), "sum " + ctx);
        Gen.Equal(sel.Reduce(axes, keep, (a, b) => a + b, 0), x.Rechunk(ChunkSpec.PerAxis(Gen.Chunks(r, shape)))[s].Sum(axes, keep, split).Compute(), "rechunked sum " + ctx);
        int? one = axes.Length == 1 ? axes[0] : null;
        var anyAxes = one is { } o ? new[] { o } : [.. Enumerable.Range(0, sel.NDim)];
        Gen.Equal(sel.Reduce(anyAxes, keep, (a, b) => (a != 0 || b != 0) ? 1 : 0, 0), x[s].Any(one, keep).Compute(), "any " + ctx);
        Gen.Equal(sel.Reduce(anyAxes, keep, (a, b) => (a != 0 && b != 0) ? 1 : 0, 1), x[s].All(one, keep).Compute(), "all " + ctx);
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Stack_in_the_middle_with_steps_and_sums(string scheduler) => Gen.ForAll(scheduler, 71, (r, i) =>
    {
        var shape = Gen.Shape(r, 1, 3);
        int count = r.Next(2, 7);
        var items = Enumerable.Range(0, count).Select(_ => Gen.Random(r, shape)).ToArray();
        int axis = r.Next(shape.Length + 1);
        var stacked = Dense.Stack([.. items.Select(x => x.Dense)], axis);
        var lazy = DArray.Stack(items.Select(x => x.Lazy), axis);
        var specs = Enumerable.Repeat(SliceSpec.All, axis).Append(SliceSpec.Range(r.Next(count), null, r.Next(1, 4))).ToArray();
        var (first, c, step) = specs[axis].Resolve(count, axis, stacked.Shape);
        var dense = stacked.Shape.Select((m, a) => a == axis ? (first, first + (c * step), step, false) : (0L, m, 1L, false)).ToArray();
        var expected = stacked.Slice(dense).Reduce([axis], false, (a, b) => a + b, 0);
        Gen.Equal(expected, lazy[specs].Sum(axis, splitEvery: r.Next(2, 4)).Compute(), $"case {i} axis {axis} {specs[axis]}");
        Gen.Equal(stacked.Reduce([axis], false, (a, b) => a + b, 0), lazy.Sum(axis).Compute(), $"case {i} full sum");
    });

    [Fact]
    public void Zero_dimensional_arrays()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var x = DArray.FromArray(NDArray.Scalar(5L));
        Assert.Empty(x.Shape);
        Assert.Equal(1, x.BlockCount);
        Assert.Equal([5L], x.Compute().ToArray());
        Assert.Equal([7L], (x + 2L).Compute().ToArray());
        Assert.Equal([5L], x.Sum().Compute().ToArray());
        var y = DArray.FromArray(NDArray.Wrap(new long[] { 1, 2, 3 }, 3), ChunkSpec.Uniform(1));
        var z = (y + x).Sum();
        Assert.Empty(z.Shape);
        Assert.Equal([21L], z.Compute().ToArray());
        Assert.Equal([3L], y[2].Compute().ToArray());
        Assert.Empty(y[2].Shape);
        Assert.Equal([true], y.All().Compute().ToArray());
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Same_input_twice_and_shared_subexpressions(string scheduler) => Gen.ForAll(scheduler, 72, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var (x, d) = Gen.Random(r, shape);
        var y = x + x;
        var z = (y * y) - y;
        var expected = new Dense(shape, [.. d.Data.Select(v => (4 * v * v) - (2 * v))]);
        Gen.Equal(expected, z.Compute(), $"case {i}");
        var (s, ds) = Gen.Selection(r, shape);
        Gen.Equal(expected.Slice(ds), z[s].Compute(), $"case {i} {Gen.Describe(s)}");
        var part = expected.Slice(ds);
        if (part.NDim > 0)
        {
            var both = DArray.Concatenate([z[s].Rechunk(ChunkSpec.PerAxis(Gen.Chunks(r, part.Shape))), (y[s] * y[s]) - y[s]]);
            Gen.Equal(Dense.Concatenate([part, part], 0), both.Compute(), $"case {i} concat");
        }
    }, 60);

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Concatenate_an_array_with_itself(string scheduler)
    {
        using var scope = Scheduler.Use(Gen.SchedulerFor(scheduler));
        var x = DArray.Arange<long>(6, 2) * 1L;
        Assert.Equal([0L, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], DArray.Concatenate([x, x]).Compute().ToArray());
        Assert.Equal([0L, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], DArray.Concatenate([x, x * 1L]).Compute().ToArray());
        Assert.Equal([0L, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], DArray.Stack([x, x]).Compute().ToArray());
        var y = x[SliceSpec.Range(1, null, 2)];
        var persisted = DArray.Concatenate([y, x, y]).Persist();
        Assert.Equal([1L, 3, 5, 0, 1, 2, 3, 4, 5, 1, 3, 5], persisted.Compute().ToArray());
        Assert.Equal([1L, 3, 5, 0, 1, 2, 3, 4, 5, 1, 3, 5], persisted.Compute().ToArray());
    }

    [Fact]
    public void Concatenate_with_an_empty_item_then_align()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var x = DArray.Arange<long>(4, 2);
        var empty = x[SliceSpec.Range(3, 1)];
        var joined = DArray.Concatenate([empty, x, empty]);
        Assert.Equal([4L], joined.Shape);
        var stacked = DArray.Stack([joined, DArray.Arange<long>(4, 3)]);
        Assert.Equal([0L, 1, 2, 3, 0, 1, 2, 3], stacked.Compute().ToArray());
        Assert.Equal([0L, 2, 4, 6], (joined + x).Compute().ToArray());
        Assert.Equal([0L], DArray.Concatenate([empty, empty]).Shape);
    }
}
