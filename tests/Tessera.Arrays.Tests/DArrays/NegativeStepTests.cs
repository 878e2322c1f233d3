using Tessera.Arrays.Tests.Oracle;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

public class NegativeStepTests
{
    [Fact]
    public void Reversed_and_strided_backwards_selections_read_blocks_backwards()
    {
        var x = DArray.Arange<long>(10, 3);
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => (long)i), x[SliceSpec.Every(-1)].Compute().ToArray());
        Assert.Equal(new long[] { 8, 5, 2 }, x[SliceSpec.Range(8, 1, -3)].Compute().ToArray());
        Assert.Equal(new long[] { 9, 7 }, x[SliceSpec.Every(-2)][..2].Compute().ToArray());
        Assert.Empty(x[SliceSpec.Range(2, 8, -1)].Compute().ToArray());
    }

    [Fact]
    public void Backwards_selections_push_through_stack_concatenate_and_sums()
    {
        var random = new Random(11);
        var a = Dense.Random(random, [5, 6]);
        var b = Dense.Random(random, [3, 6]);
        using var na = NDArray.Wrap(a.Data, 5, 6);
        using var nb = NDArray.Wrap(b.Data, 3, 6);
        var la = DArray.FromArray(na, ChunkSpec.PerAxis([2, 3], [4, 2]));
        var lb = DArray.FromArray(nb, ChunkSpec.PerAxis([3], [1, 5]));
        using var scope = Scheduler.Use(new ThreadedScheduler(2));

        var joined = DArray.Concatenate([la, lb], axis: 0);
        var expected = Dense.Concatenate([a, b], 0).Slice([(7, -1, -2, false), (5, 0, -1, false)]);
        Assert.Equal(expected.Data, joined[SliceSpec.Range(null, null, -2), SliceSpec.Range(null, 0, -1)].Compute().ToArray());

        var stacked = DArray.Stack([la, la + la, la * la], axis: 0);
        var dense = Dense.Stack([a, Dense.Broadcast(a, a, (p, q) => p + q), Dense.Broadcast(a, a, (p, q) => p * q)], 0);
        Assert.Equal(dense.Slice([(2, -1, -1, false), (4, -1, -3, false), (0, 6, 1, false)]).Data, stacked[SliceSpec.Every(-1), SliceSpec.Every(-3)].Compute().ToArray());

        var sums = stacked.Sum(axis: 0)[SliceSpec.Every(-1), 1];
        var denseSums = dense.Reduce([0], false, (p, q) => p + q, 0).Slice([(4, -1, -1, false), (1, 2, 1, true)]);
        Assert.Equal(denseSums.Data, sums.Compute().ToArray());
    }
}
