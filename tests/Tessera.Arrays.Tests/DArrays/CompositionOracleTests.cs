using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Compositions where slice pushdown has to stay correct.</summary>
public class CompositionOracleTests
{
    private static Dense Sum(Dense d, int axis) => d.Reduce([axis], false, (a, b) => a + b, 0);

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Sliced_sum_of_broadcast_sum(string scheduler) => Gen.ForAll(scheduler, 50, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var other = ElementwiseOracleTests.Compatible(r, shape);
        var (a, da) = Gen.Random(r, shape);
        var (b, db) = Gen.Random(r, other);
        int axis = r.Next(shape.Length);
        bool keep = r.Next(2) == 0;
        var summed = Dense.Broadcast(da, db, (p, q) => p + q).Reduce([axis], keep, (p, q) => p + q, 0);
        var (s, ds) = Gen.Selection(r, summed.Shape);
        var y = (a + b).Sum(axis, keep, r.Next(2, 6))[s];
        Gen.Equal(summed.Slice(ds), y.Compute(), $"case {i} (a{string.Join(",", shape)} + b{string.Join(",", other)}).Sum({axis}, {keep}){Gen.Describe(s)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Stack_rechunk_sum_index(string scheduler) => Gen.ForAll(scheduler, 51, (r, i) =>
    {
        var shape = Gen.Shape(r, 1, 3);
        int count = r.Next(1, 6);
        var items = Enumerable.Range(0, count).Select(_ => Gen.Random(r, shape)).ToArray();
        var stacked = Dense.Stack([.. items.Select(x => x.Dense)], 0);
        var target = Gen.Chunks(r, stacked.Shape);
        var summed = Sum(stacked, 0);
        long row = r.Next((int)shape[0]);
        var dense = summed.Shape.Select((m, a) => a == 0 ? (row, row + 1, 1L, true) : (0L, m, 1L, false)).ToArray();
        var y = DArray.Stack(items.Select(x => x.Lazy)).Rechunk(ChunkSpec.PerAxis(target)).Sum(0, splitEvery: r.Next(2, 6))[(int)row];
        Gen.Equal(summed.Slice(dense), y.Compute(), $"case {i} row {row} {Gen.Describe(stacked.Shape, target)}");
        var (s, ds) = Gen.Selection(r, summed.Shape);
        var z = DArray.Stack(items.Select(x => x.Lazy)).Rechunk(ChunkSpec.PerAxis(target)).Sum(0)[s];
        Gen.Equal(summed.Slice(ds), z.Compute(), $"case {i} sel {Gen.Describe(s)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Slices_through_everything(string scheduler) => Gen.ForAll(scheduler, 52, (r, i) =>
    {
        // concatenate → elementwise with a broadcast operand → rechunk → reduce over a random axis set → slice → slice
        var shape = Gen.Shape(r, 1, 3);
        int axis = r.Next(shape.Length);
        var parts = Enumerable.Range(0, r.Next(1, 4)).Select(_ =>
        {
            var own = (long[])shape.Clone();
            own[axis] = r.Next(1, 6);
            return Gen.Random(r, own);
        }).ToArray();
        var cat = Dense.Concatenate([.. parts.Select(p => p.Dense)], axis);
        var (b, db) = Gen.Random(r, ElementwiseOracleTests.Compatible(r, cat.Shape));
        var prod = Dense.Broadcast(cat, db, (p, q) => p * q);
        var axes = Gen.AxisSet(r, prod.NDim).Select(a => a < 0 ? a + prod.NDim : a).Distinct().Order().ToArray();
        bool keep = r.Next(2) == 0;
        var reduced = prod.Reduce(axes, keep, Math.Max, long.MinValue);
        var (s1, d1) = Gen.Selection(r, reduced.Shape, allowEmpty: false);
        var mid = reduced.Slice(d1);
        var (s2, d2) = Gen.Selection(r, mid.Shape);
        var lazy = (DArray.Concatenate(parts.Select(p => p.Lazy), axis) * b)
            .Rechunk(ChunkSpec.PerAxis(Gen.Chunks(r, prod.Shape)))
            .Max(axes, keep, r.Next(2, 6))[s1][s2];
        Gen.Equal(mid.Slice(d2), lazy.Compute(), $"case {i} concat axis {axis} max [{string.Join(",", axes)}] keep={keep} {Gen.Describe(s1)}{Gen.Describe(s2)}");
    });
}
