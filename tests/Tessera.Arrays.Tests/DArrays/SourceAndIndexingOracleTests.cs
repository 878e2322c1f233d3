using Tessera.Scheduling;
using Tessera.Arrays.Tests.Oracle;

namespace Tessera.Arrays.Tests.DArrays;

public class SourceAndIndexingOracleTests
{
    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void FromArray_computes_the_data(string scheduler) => Gen.ForAll(scheduler, 1, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var chunks = Gen.Chunks(r, shape);
        var d = Gen.Data(r, shape);
        var x = Gen.Lazy(d, chunks);
        Assert.Equal(shape, x.Shape);
        Assert.Equal(chunks.Select(c => c.Length), x.NumBlocks);
        Gen.Equal(d, x.Compute(), $"case {i} {Gen.Describe(shape, chunks)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Rechunk_keeps_values(string scheduler) => Gen.ForAll(scheduler, 2, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (x, d) = Gen.Random(r, shape);
        var target = Gen.Chunks(r, shape);
        var y = x.Rechunk(ChunkSpec.PerAxis(target));
        Assert.Equal(target.Select(c => c.ToArray()), Enumerable.Range(0, y.NDim).Select(a => y.Chunks[a].ToArray()));
        Gen.Equal(d, y.Compute(), $"case {i} {Gen.Describe(shape, target)}");
        var z = y.Rechunk(ChunkSpec.PerAxis(Gen.Chunks(r, shape)), memoryLimitBytes: 8 * r.Next(1, 30));
        Gen.Equal(d, z.Compute(), $"case {i} small memory limit");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Indexing_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 3, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (x, d) = Gen.Random(r, shape);
        var (specs, dense) = Gen.Selection(r, shape);
        var y = x[specs];
        var expected = d.Slice(dense);
        Assert.Equal(expected.Shape, y.Shape);
        Gen.Equal(expected, y.Compute(), $"case {i} {Gen.Describe(shape, Gen.Chunks(r, shape))} sel {Gen.Describe(specs)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Slice_of_slice_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 4, (r, i) =>
    {
        var shape = Gen.Shape(r, 1);
        var (x, d) = Gen.Random(r, shape);
        var (s1, d1) = Gen.Selection(r, shape, allowEmpty: false);
        var mid = d.Slice(d1);
        var (s2, d2) = Gen.Selection(r, mid.Shape, allowEmpty: false);
        var y = x[s1][s2];
        Gen.Equal(mid.Slice(d2), y.Compute(), $"case {i} sel {Gen.Describe(s1)} then {Gen.Describe(s2)}");
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Slice_of_rechunked_matches_oracle(string scheduler) => Gen.ForAll(scheduler, 5, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var (x, d) = Gen.Random(r, shape);
        var target = Gen.Chunks(r, shape);
        var (specs, dense) = Gen.Selection(r, shape);
        var y = x.Rechunk(ChunkSpec.PerAxis(target))[specs];
        Gen.Equal(d.Slice(dense), y.Compute(), $"case {i} rechunk {Gen.Describe(shape, target)} sel {Gen.Describe(specs)}");
        var z = x[specs];
        if (z.NDim > 0 && z.Size > 0)
        {
            var (s2, d2) = Gen.Selection(r, z.Shape.ToArray(), allowEmpty: false);
            var w = z.Rechunk(ChunkSpec.PerAxis(Gen.Chunks(r, [.. z.Shape])))[s2];
            Gen.Equal(d.Slice(dense).Slice(d2), w.Compute(), $"case {i} slice-rechunk-slice");
        }
    });

    [Theory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void Full_ones_zeros_and_slices(string scheduler) => Gen.ForAll(scheduler, 6, (r, i) =>
    {
        var shape = Gen.Shape(r);
        var chunks = Gen.Chunks(r, shape);
        long v = r.Next(-5, 5);
        var x = DArray.Full(v, shape, ChunkSpec.PerAxis(chunks));
        var d = Dense.Build(shape, _ => v);
        var (specs, dense) = Gen.Selection(r, shape);
        Gen.Equal(d, x.Compute(), $"case {i}");
        Gen.Equal(d.Slice(dense), x[specs].Compute(), $"case {i} sel {Gen.Describe(specs)}");
        Gen.Equal(Dense.Build(shape, _ => 1), DArray.Ones<long>(shape, ChunkSpec.PerAxis(chunks)).Compute(), "ones");
        Gen.Equal(Dense.Build(shape, _ => 0), DArray.Zeros<long>(shape, ChunkSpec.PerAxis(chunks)).Compute(), "zeros");
    }, 50);

    [Fact]
    public void Arange_and_slices()
    {
        using var scope = Scheduler.Use(new SynchronousScheduler());
        var x = DArray.Arange<long>(23, 5);
        Assert.Equal(Enumerable.Range(0, 23).Select(v => (long)v), x.Compute().ToArray());
        Assert.Equal([7L, 10, 13, 16, 19, 22], x[SliceSpec.Range(7, null, 3)].Compute().ToArray());
    }
}
