using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Each bad input fails with a message naming the operation, the values and what was expected.</summary>
public class BadInputTests
{
    private static DArray<long> Ones(params long[] shape) => DArray.Ones<long>(shape, ChunkSpec.Uniform(2));

    private static void Contains(string message, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stack_of_mismatched_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Stack([Ones(3, 4), Ones(3, 4), Ones(4, 3)]));
        Contains(e.Message, "DArray.Stack", "array 2", "(4, 3)", "(3, 4)", "same shape");
    }

    [Fact]
    public void Concatenate_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Concatenate([Ones(3, 4), Ones(2, 5)], axis: 0));
        Contains(e.Message, "DArray.Concatenate", "array 1", "(2, 5)", "(3, 4)", "every axis except axis 0");
    }

    [Fact]
    public void Concatenate_rank_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Concatenate([Ones(3, 4), Ones(3)], axis: 0));
        Contains(e.Message, "DArray.Concatenate", "(3,)", "(3, 4)");
    }

    [Fact]
    public void Broadcasting_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => Ones(2, 3, 4) + Ones(3, 5));
        Contains(e.Message, "DArray add", "(2, 3, 4)", "(3, 5)", "axis 2: 4 vs 5", "expected equal lengths or 1");
    }

    [Fact]
    public void Rechunk_sizes_that_do_not_tile()
    {
        var e = Assert.Throws<ArgumentException>(() => Ones(5, 4).Rechunk(ChunkSpec.PerAxis([2, 2], [4])));
        Contains(e.Message, "DArray.Rechunk", "does not tile", "(5, 4)", "axis 0", "sum to 4", "expected 5");
    }

    [Fact]
    public void FromArray_chunks_that_do_not_tile()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.FromArray(NDArray.Zeros<long>(3), ChunkSpec.PerAxis([1, 1])));
        Contains(e.Message, "DArray.FromArray", "does not tile", "sum to 2", "expected 3");
    }

    [Fact]
    public void Sum_axis_out_of_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ones(3, 4).Sum(2));
        Contains(e.Message, "DArray.Sum", "axis 2", "2 axes", "expected -2 <= axis < 2");
        var many = Assert.Throws<ArgumentOutOfRangeException>(() => Ones(3, 4).Max([0, -3]));
        Contains(many.Message, "DArray.Max", "axis -3");
    }

    [Fact]
    public void Index_out_of_bounds()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ones(3, 4)[1, 4]);
        Contains(e.Message, "DArray indexing", "index 4", "axis 1", "size 4", "(3, 4)", "expected -4 <= index < 4");
        var neg = Assert.Throws<ArgumentOutOfRangeException>(() => Ones(3, 4)[-4]);
        Contains(neg.Message, "index -4", "axis 0", "size 3");
    }

    [Fact]
    public void Too_many_indices()
    {
        var e = Assert.Throws<ArgumentException>(() => Ones(3)[0, 0]);
        Contains(e.Message, "DArray indexing", "2 selections", "(3,)", "at most 1");
    }

    [Fact]
    public void Step_zero()
    {
        var e = Assert.Throws<ArgumentException>(() => Ones(6)[SliceSpec.Range(0, 6, 0)]);
        Contains(e.Message, "SliceSpec", "step", "zero");
    }

    [Fact]
    public void Negative_shape_in_Full()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.Full(1L, [2, -3]));
        Contains(e.Message, "DArray.Full", "-3", "(2, -3)");
    }

    [Fact]
    public void Negative_shape_in_FromDelayed()
    {
        var e = Assert.Throws<ArgumentException>(() => DArray.FromDelayed(Delayed.Call(() => NDArray.Ones<long>(2)), [-2]));
        Contains(e.Message, "DArray.FromDelayed", "-2");
    }

    [Fact]
    public void FromDelayed_result_with_wrong_shape_at_compute()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var x = DArray.FromDelayed(Delayed.Call(() => NDArray.Ones<long>(4, 4)), [4, 5]);
        var e = Assert.Throws<TaskFailedException>(() => x.Sum().Compute());
        Contains(e.InnerException!.Message, "DArray.FromDelayed", "(4, 4)", "(4, 5)", "declared");
    }

    [Fact]
    public void Split_every_below_two()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ones(4).Sum(0, splitEvery: 1));
        Contains(e.Message, "DArray.Sum", "splitEvery", "at least 2");
    }
}
