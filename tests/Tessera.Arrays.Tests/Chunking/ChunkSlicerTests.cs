using FsCheck.Xunit;

namespace Tessera.Arrays.Tests.Chunking;

public class ChunkSlicerTests
{
    [Theory]
    [InlineData(null, null, null, 10, 0, 10, 1)]
    [InlineData(-3L, null, null, 10, 7, 10, 1)]
    [InlineData(null, null, -1L, 10, 9, -1, -1)]
    [InlineData(100L, -100L, null, 10, 10, 0, 1)]
    [InlineData(8L, 2L, -2L, 10, 8, 2, -2)]
    public void Resolve_matches_python_slice_indices(long? start, long? stop, long? step, long n, long es, long ee, long ep) =>
        Assert.Equal((es, ee, ep), ChunkSlicer.Resolve(start, stop, step, n));

    [Fact]
    public void Integer_index_with_negative_values()
    {
        var c = new Chunks([4, 4, 4]);
        Assert.Equal((1, 1L), ChunkSlicer.Index(c, 0, 5));
        Assert.Equal((2, 3L), ChunkSlicer.Index(c, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkSlicer.Index(c, 0, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkSlicer.Index(c, 0, -13));
    }

    [Fact]
    public void Contiguous_slice_across_blocks()
    {
        var c = new Chunks([4, 4, 4]);
        AxisSlicePlan p = ChunkSlicer.SliceAxis(c, 0, 2, 10, 1);
        Assert.Equal([2L, 4L, 2L], p.NewChunks);
        Assert.Equal(new BlockPiece(0, new AxisSlice(2, 2)), p.Pieces[0]);
        Assert.Equal(new BlockPiece(2, new AxisSlice(0, 2)), p.Pieces[2]);
    }

    [Fact]
    public void Step_larger_than_block_skips_blocks()
    {
        // dask: da.ones(12, chunks=3)[1::5].chunks == ((1, 1, 1),), elements 1, 6, 11
        var c = new Chunks([3, 3, 3, 3]);
        AxisSlicePlan p = ChunkSlicer.SliceAxis(c, 0, 1, 12, 5);
        Assert.Equal([1L, 1L, 1L], p.NewChunks);
        Assert.Equal([0, 2, 3], p.Pieces.Select(x => x.Block));
        Assert.Equal([1L, 0L, 2L], p.Pieces.Select(x => x.Slice.Start));
    }

    [Fact]
    public void Negative_step_reverses_blocks()
    {
        var c = new Chunks([4, 4, 4]);
        (long s, long e, long st) = ChunkSlicer.Resolve(null, null, -1, 12);
        AxisSlicePlan p = ChunkSlicer.SliceAxis(c, 0, s, e, st);
        Assert.Equal([4L, 4L, 4L], p.NewChunks);
        Assert.Equal([2, 1, 0], p.Pieces.Select(x => x.Block));
        Assert.Equal(new AxisSlice(3, 4, -1), p.Pieces[0].Slice);
    }

    [Fact]
    public void Empty_slice_gives_zero_chunk()
    {
        var c = new Chunks([4, 4]);
        AxisSlicePlan p = ChunkSlicer.SliceAxis(c, 0, 5, 5, 1);
        Assert.Equal([0L], p.NewChunks);
        Assert.Equal(0, p.Pieces[0].Slice.Count);
    }

    [Fact]
    public void Multi_axis_source_lookup()
    {
        var c = new Chunks([1, 1, 1], [4, 4]);
        SlicePlan plan = ChunkSlicer.Slice(c, [(1, 3, 1), (3, 6, 1)]);
        Assert.Equal("((1, 1), (1, 2))", plan.NewChunks.ToString());
        (int[] src, AxisSlice[] sl) = plan.Source([1, 1]);
        Assert.Equal([2, 1], src);
        Assert.Equal([new AxisSlice(0, 1), new AxisSlice(0, 2)], sl);
        Assert.Throws<ArgumentException>(() => ChunkSlicer.Slice(c, [(0, 1, 1)]));
    }

    // Expected chunks from dask: da.ones(sum(c), chunks=(c,))[slice].chunks (Dask 2022.12).
    [Theory]
    [InlineData("5,5,2", 1L, 11L, 3L, "2,1,1")]
    [InlineData("4,4,4", 10L, 1L, -3L, "1,2")]
    [InlineData("3,3,3,3", null, null, -5L, "1,1,1")]
    [InlineData("2,7,1,5", -4L, null, 2L, "2")]
    [InlineData("4,4,4", 11L, null, -4L, "1,1,1")]
    [InlineData("4,4,4", 3L, -100L, -1L, "4")]
    public void New_chunks_match_dask(string chunks, long? start, long? stop, long? step, string expected)
    {
        long[] sizes = chunks.Split(',').Select(long.Parse).ToArray();
        (long s, long e, long st) = ChunkSlicer.Resolve(start, stop, step, sizes.Sum());
        AxisSlicePlan p = ChunkSlicer.SliceAxis(new Chunks(sizes), 0, s, e, st);
        Assert.Equal(expected, string.Join(',', p.NewChunks));
    }

    [Property(MaxTest = 500)]
    public void Slicing_selects_exactly_the_python_elements(int seed)
    {
        var rng = new Random(seed);
        long[] sizes = Enumerable.Range(0, rng.Next(1, 7)).Select(_ => (long)rng.Next(1, 6)).ToArray();
        var c = new Chunks(sizes);
        long n = sizes.Sum();
        long? Opt(int lo, int hi) => rng.Next(4) == 0 ? null : rng.Next(lo, hi);
        long? step = rng.Next(3) == 0 ? null : (rng.Next(2) == 0 ? 1 : -1) * rng.Next(1, 8);
        (long s, long e, long st) = ChunkSlicer.Resolve(Opt(-15, 15), Opt(-15, 15), step, n);

        var expected = new List<long>();
        for (long i = s; st > 0 ? i < e : i > e; i += st)
        {
            expected.Add(i);
        }

        AxisSlicePlan p = ChunkSlicer.SliceAxis(c, 0, s, e, st);
        var actual = new List<long>();
        foreach (BlockPiece piece in p.Pieces)
        {
            long off = c.Offsets(0)[piece.Block];
            for (long k = 0; k < piece.Slice.Count; k++)
            {
                long local = piece.Slice.Start + (k * piece.Slice.Step);
                Assert.InRange(local, 0, sizes[piece.Block] - 1);
                actual.Add(off + local);
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal(p.NewChunks.Sum(), expected.Count);
        Assert.Equal(p.NewChunks.Length, p.Pieces.Length);
        Assert.All(p.Pieces.Where(x => x.Slice.Count > 0), x => Assert.Equal(st, x.Slice.Step));
    }
}
