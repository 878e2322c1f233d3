using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

public class JoinOracleTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Stack_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 40, (r, i) =>
    {
        var shape = Gen.Shape(r, 0, 3);
        int count = r.Next(1, 5);
        var items = Enumerable.Range(0, count).Select(_ => Gen.Random(r, shape)).ToArray();
        int axis = r.Next(-(shape.Length + 1), shape.Length + 1);
        int resolved = axis < 0 ? axis + shape.Length + 1 : axis;
        var expected = Dense.Stack([.. items.Select(x => x.Dense)], resolved);
        var y = DArray.Stack(items.Select(x => x.Lazy), axis);
        Assert.Equal(expected.Shape, y.Shape);
        Gen.Equal(expected, y.Compute(), $"case {i} stack {count} of ({string.Join(",", shape)}) axis {axis}");
        var (s, ds) = Gen.Selection(r, expected.Shape);
        Gen.Equal(expected.Slice(ds), y[s].Compute(), $"case {i} stack sliced {Gen.Describe(s)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Concatenate_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 41, (r, i) =>
    {
        var shape = Gen.Shape(r, 1, 3);
        int axis = r.Next(shape.Length);
        int count = r.Next(1, 5);
        var items = Enumerable.Range(0, count).Select(_ =>
        {
            var own = (long[])shape.Clone();
            own[axis] = r.Next(1, 7);
            return Gen.Random(r, own);
        }).ToArray();
        var expected = Dense.Concatenate([.. items.Select(x => x.Dense)], axis);
        var y = DArray.Concatenate(items.Select(x => x.Lazy), r.Next(2) == 0 ? axis : axis - shape.Length);
        Assert.Equal(expected.Shape, y.Shape);
        Gen.Equal(expected, y.Compute(), $"case {i} concat axis {axis}");
        var (s, ds) = Gen.Selection(r, expected.Shape);
        Gen.Equal(expected.Slice(ds), y[s].Compute(), $"case {i} concat axis {axis} sliced {Gen.Describe(s)}");

        // steps crossing item boundaries along the joined axis
        long n = expected.Shape[axis];
        long start = r.Next((int)n), step = r.Next(1, 5);
        var specs = Enumerable.Repeat(SliceSpec.All, axis).Append(SliceSpec.Range(start, null, step)).ToArray();
        var dense = expected.Shape.Select((m, a) => a == axis ? (start, n, step, false) : (0L, m, 1L, false)).ToArray();
        Gen.Equal(expected.Slice(dense), y[specs].Compute(), $"case {i} concat step {start}::{step}");
        var at = expected.Shape.Select((m, a) => a == axis ? (start, start + 1, 1L, true) : (0L, m, 1L, false)).ToArray();
        Gen.Equal(expected.Slice(at), y[[.. Enumerable.Repeat(SliceSpec.All, axis).Append(SliceSpec.At(start))]].Compute(), $"case {i} concat index {start}");
    });
}
