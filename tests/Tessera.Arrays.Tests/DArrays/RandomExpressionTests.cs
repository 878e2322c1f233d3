using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>Random expression trees of every operation, checked against the oracle (with and without a final slice).</summary>
public class RandomExpressionTests
{
    private static (DArray<long> Lazy, Dense Dense, string Text) Build(Random r, int depth)
    {
        if (depth == 0 || r.Next(5) == 0)
        {
            var shape = Gen.Shape(r, 0, 3);
            switch (r.Next(4))
            {
                case 0:
                    {
                        long v = r.Next(-3, 4);
                        return (DArray.Full(v, shape, ChunkSpec.PerAxis(Gen.Chunks(r, shape))), Dense.Build(shape, _ => v), $"full({string.Join(",", shape)})");
                    }

                case 1:
                    {
                        // a block function whose values depend on the global position
                        var dense = Dense.Build(shape, ix => ix.Select((v, a) => (v + 1) * (a + 2)).Sum() % 11);
                        var x = DArray.FromFunction(
                            info => Gen.ToNd(Dense.Build(info.Shape, ix => ix.Select((v, a) => (v + info.Offset[a] + 1) * (a + 2)).Sum() % 11)),
                            shape,
                            ChunkSpec.PerAxis(Gen.Chunks(r, shape)));
                        return (x, dense, $"fn({string.Join(",", shape)})");
                    }

                default:
                    {
                        var (x, d) = Gen.Random(r, shape, 10);
                        return (x, d, $"src({string.Join(",", shape)})");
                    }
            }
        }

        var (a, da, ta) = Build(r, depth - 1);
        switch (r.Next(10))
        {
            case 0:
                {
                    var target = Gen.Chunks(r, da.Shape);
                    return (a.Rechunk(ChunkSpec.PerAxis(target)), da, $"{ta}.rechunk");
                }

            case 1:
                {
                    var (s, ds) = Gen.Selection(r, da.Shape);
                    return (a[s], da.Slice(ds), $"{ta}{Gen.Describe(s)}");
                }

            case 2:
                {
                    long k = r.Next(-2, 3);
                    return (((a * k) + 1L) - a, new Dense(da.Shape, [.. da.Data.Select(v => (v * k) + 1 - v)]), $"({ta}*{k}+1-x)");
                }

            case 3:
                {
                    var other = ElementwiseOracleTests.Compatible(r, da.Shape);
                    var (b, db) = Gen.Random(r, other, 10);
                    return r.Next(2) == 0
                        ? (a + b, Dense.Broadcast(da, db, (p, q) => p + q), $"({ta} + ({string.Join(",", other)}))")
                        : (b * a, Dense.Broadcast(db, da, (p, q) => p * q), $"(({string.Join(",", other)}) * {ta})");
                }

            case 4 when da.NDim > 0:
                {
                    var axes = Gen.AxisSet(r, da.NDim).Select(x => x < 0 ? x + da.NDim : x).Distinct().Order().ToArray();
                    bool keep = r.Next(2) == 0;
                    int split = r.Next(2, 5);
                    // Min over an empty axis has no identity (an error, as in NumPy): sum those.
                    return r.Next(2) == 0 || axes.Any(x => da.Shape[x] == 0)
                        ? (a.Sum(axes, keep, split), da.Reduce(axes, keep, (p, q) => p + q, 0), $"{ta}.sum([{string.Join(",", axes)}],{keep},{split})")
                        : (a.Min(axes, keep, split), da.Reduce(axes, keep, Math.Min, long.MaxValue), $"{ta}.min([{string.Join(",", axes)}],{keep},{split})");
                }

            case 5:
                {
                    int count = r.Next(1, 4);
                    int axis = r.Next(da.NDim + 1);
                    var items = Enumerable.Range(0, count).Select(k => (Lazy: a + (long)k, Dense: new Dense(da.Shape, [.. da.Data.Select(v => v + k)]))).ToArray();
                    return (DArray.Stack(items.Select(x => x.Lazy), axis), Dense.Stack([.. items.Select(x => x.Dense)], axis), $"stack({ta} x{count}, {axis})");
                }

            case 6 when da.NDim > 0:
                {
                    int axis = r.Next(da.NDim);
                    var own = (long[])da.Shape.Clone();
                    own[axis] = r.Next(1, 5);
                    var (b, db) = Gen.Random(r, own, 10);
                    return r.Next(2) == 0
                        ? (DArray.Concatenate([a, b], axis), Dense.Concatenate([da, db], axis), $"concat({ta}, b, {axis})")
                        : (DArray.Concatenate([b, a, b], axis), Dense.Concatenate([db, da, db], axis), $"concat(b, {ta}, b, {axis})");
                }

            case 8 when da.NDim > 0 && r.Next(2) == 0:
                {
                    int axis = r.Next(da.NDim);
                    bool keep = r.Next(2) == 0;
                    return r.Next(2) == 0
                        ? (a.Any(axis, keep).AsType<long>(), da.Reduce([axis], keep, (p, q) => (p != 0 || q != 0) ? 1 : 0, 0), $"{ta}.any({axis},{keep})")
                        : (a.All(axis, keep).AsType<long>(), da.Reduce([axis], keep, (p, q) => (p != 0 && q != 0) ? 1 : 0, 1), $"{ta}.all({axis},{keep})");
                }

            case 7 when r.Next(3) == 0:
                return (a.Persist(), da, $"{ta}.persist");

            default:
                return (-a, new Dense(da.Shape, [.. da.Data.Select(v => -v)]), $"-{ta}");
        }
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Random_expressions_match_oracle(string scheduler) => Gen.ForAll(scheduler, 80, (r, i) =>
    {
        var (x, d, text) = Build(r, 6);
        Assert.Equal(d.Shape, x.Shape);
        Gen.Equal(d, x.Compute(), $"case {i} {text}");
        var (s, ds) = Gen.Selection(r, d.Shape);
        Gen.Equal(d.Slice(ds), x[s].Compute(), $"case {i} {text}{Gen.Describe(s)}");
        Gen.Equal(d.Slice(ds), Unoptimized(x[s]), $"case {i} unoptimised {text}{Gen.Describe(s)}");
    }, 500);

    /// <summary>The expression lowered as built (no pushdown, no fusion) and run: lowering of every node on its own.</summary>
    private static NDArray<long> Unoptimized(DArray<long> x)
    {
        return DArray<long>.RunAsync(x.Plan(optimize: false), CancellationToken.None).GetAwaiter().GetResult();
    }
}
