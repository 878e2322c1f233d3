using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

public class ElementwiseOracleTests
{
    /// <summary>A shape broadcastable with <paramref name="shape"/>: a suffix of it, with some axes set to 1.</summary>
    internal static long[] Compatible(Random r, long[] shape)
    {
        int rank = r.Next(0, shape.Length + 1);
        var tail = shape.Skip(shape.Length - rank).ToArray();
        return [.. tail.Select(n => r.Next(3) == 0 ? 1 : n)];
    }

    private static readonly (string Name, Func<long, long, long> Op, Func<DArray<long>, DArray<long>, DArray<long>> Lazy)[] Ops =
    [
        ("+", (a, b) => a + b, (a, b) => a + b),
        ("-", (a, b) => a - b, (a, b) => a - b),
        ("*", (a, b) => a * b, (a, b) => a * b),
    ];

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Binary_with_broadcasting(string scheduler) => Gen.ForAll(scheduler, 30, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var other = Compatible(r, shape);
        if (r.Next(2) == 0)
        {
            (shape, other) = (other, shape);
        }

        var (a, da) = Gen.Random(r, shape);
        var (b, db) = Gen.Random(r, other);
        var (name, op, lazy) = Ops[r.Next(Ops.Length)];
        var expected = Dense.Broadcast(da, db, op);
        var y = lazy(a, b);
        Assert.Equal(expected.Shape, y.Shape);
        Gen.Equal(expected, y.Compute(), $"case {i} ({string.Join(",", shape)}) {name} ({string.Join(",", other)})");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Scalars_and_fused_chains(string scheduler) => Gen.ForAll(scheduler, 31, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (a, da) = Gen.Random(r, shape);
        var (b, db) = Gen.Random(r, Compatible(r, shape));
        var (c, dc) = Gen.Random(r, Compatible(r, shape));
        long k = r.Next(-3, 4);

        // ((a * k + b) - c) * 2 - k, then 10 - that: a chain with broadcast inputs at several depths
        var y = 10 - ((((a * k) + b) - c) * 2L - k);
        var expected = Dense.Broadcast(Dense.Broadcast(new Dense(da.Shape, [.. da.Data.Select(v => v * k)]), db, (p, q) => p + q), dc, (p, q) => p - q);
        expected = new Dense(expected.Shape, [.. expected.Data.Select(v => 10 - ((v * 2) - k))]);
        Gen.Equal(expected, y.Compute(), $"case {i}");
        Gen.Equal(new Dense(da.Shape, [.. da.Data.Select(v => -v + k)]), (-a + k).Compute(), $"case {i} neg");
        Gen.Equal(new Dense(da.Shape, [.. da.Data.Select(v => k * v)]), (k * a).Compute(), $"case {i} rmul");

        var (s, ds) = Gen.Selection(r, expected.Shape);
        Gen.Equal(expected.Slice(ds), y[s].Compute(), $"case {i} sliced chain {Gen.Describe(s)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void AsType_and_map_blocks(string scheduler) => Gen.ForAll(scheduler, 32, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (a, da) = Gen.Random(r, shape);
        var doubled = a.AsType<double>() * 2.0;
        Assert.Equal(da.Data.Select(v => v * 2.0), doubled.Compute().ToArray());
        var mapped = a.MapBlocks(block => block * 3L);
        Gen.Equal(new Dense(shape, [.. da.Data.Select(v => v * 3)]), mapped.Compute(), $"case {i}");
    }, 50);
}
