using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

public class PersistTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Persisted_array_computes_the_same_twice(string scheduler) => Gen.ForAll(scheduler, 60, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (x, d) = Gen.Random(r, shape);
        var y = (x * 2L) + 1L;
        var expected = new Dense(shape, [.. d.Data.Select(v => (v * 2) + 1)]);
        var p = y.Persist();
        Assert.Equal(y.Shape, p.Shape);
        Assert.Equal(Enumerable.Range(0, y.NDim).Select(a => y.Chunks[a].ToArray()), Enumerable.Range(0, p.NDim).Select(a => p.Chunks[a].ToArray()));
        for (int k = 0; k < 3; k++)
        {
            using var result = p.Compute();
            Gen.Equal(expected, result, $"case {i} compute {k}");
        }

        var (s, ds) = Gen.Selection(r, shape);
        Gen.Equal(expected.Slice(ds), p[s].Compute(), $"case {i} sliced {Gen.Describe(s)}");
        Gen.Equal(expected.Slice(ds), p[s].Compute(), $"case {i} sliced again");
        if (shape.Length > 0)
        {
            Gen.Equal(expected.Reduce([0], false, (a, b) => a + b, 0), p.Sum(0).Compute(), $"case {i} sum");
            Gen.Equal(expected.Reduce([0], false, (a, b) => a + b, 0), p.Sum(0).Compute(), $"case {i} sum again");
        }

        // the source computes again as well (its blocks are views of the caller's array)
        Gen.Equal(d, x.Compute(), $"case {i} source again");
        Gen.Equal(d, x.Compute(), $"case {i} source once more");
    }, 100);

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Results_do_not_alias_persisted_blocks(string scheduler)
    {
        using var scope = Tessera.Scheduling.Scheduler.Use(Gen.SchedulerFor(scheduler));
        foreach (var chunks in new[] { new long[] { 4, 6 }, [2, 3] })
        {
            var p = (DArray.Arange<long>(24, 24).MapBlocks(b => b.Reshape(4, 6), [[4], [6]]) + 0L).Rechunk(chunks).Persist();
            using (var first = p.Compute())
            {
                first.AddInPlace(NDArray.Full(100L, 4, 6));
            }

            using var again = p.Compute();
            Assert.Equal(Enumerable.Range(0, 24).Select(v => (long)v), again.ToArray());
            using var row = p[1].Compute();
            row.AddInPlace(NDArray.Full(100L, 6));
            Assert.Equal(Enumerable.Range(6, 6).Select(v => (long)v), p[1].Compute().ToArray());
        }
    }

    [Fact]
    public async Task Persisted_array_computed_concurrently()
    {
        using var scope = Tessera.Scheduling.Scheduler.Use(new Tessera.Scheduling.ThreadedScheduler(2));
        var r = new Random(9);
        var shape = new long[] { 9, 7 };
        var (x, d) = Gen.Random(r, shape);
        var p = await (x * 3L).Rechunk(ChunkSpec.BlockShape(2, 3)).PersistAsync();
        var expected = new Dense(shape, [.. d.Data.Select(v => v * 3)]);
        var runs = Enumerable.Range(0, 16).Select(k => k % 2 == 0 ? p.ComputeAsync() : (p + 0L).ComputeAsync()).ToArray();
        foreach (var result in await Task.WhenAll(runs))
        {
            Gen.Equal(expected, result, "concurrent");
            result.Dispose();
        }

        Gen.Equal(expected.Reduce([1], false, (a, b) => a + b, 0), await p.Sum(1).ComputeAsync(), "after");
    }
}
