using FsCheck.Xunit;

namespace Tessera.Arrays.Tests.Rechunking;

public class ChunkIntersectionTests
{
    [Fact]
    public void Old_to_new_matches_dask_docstring()
    {
        // dask: _old_to_new(((10,)*5,), ((25, 5, 20),))
        BlockPiece[][][] r = ChunkIntersection.OldToNew(new Chunks([10, 10, 10, 10, 10]), new Chunks([25, 5, 20]));
        Assert.Equal(
            [new BlockPiece(0, AxisSlice.Range(0, 10)), new BlockPiece(1, AxisSlice.Range(0, 10)), new BlockPiece(2, AxisSlice.Range(0, 5))],
            r[0][0]);
        Assert.Equal([new BlockPiece(2, AxisSlice.Range(5, 10))], r[0][1]);
        Assert.Equal([new BlockPiece(3, AxisSlice.Range(0, 10)), new BlockPiece(4, AxisSlice.Range(0, 10))], r[0][2]);
    }

    [Fact]
    public void Intersect_matches_dask_docstring()
    {
        // dask: intersect_chunks(((4, 4), (2,)), ((8,), (1, 1)))
        List<RechunkBlock> blocks = ChunkIntersection.IntersectChunks(new Chunks([4, 4], [2]), new Chunks([8], [1, 1])).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal([0, 1], blocks[1].NewBlock);
        Assert.Equal(2, blocks[1].Sources.Count);
        RechunkSource s = blocks[1].Sources[1];
        Assert.Equal([1, 0], s.OldBlock);
        Assert.Equal([AxisSlice.Range(0, 4), AxisSlice.Range(1, 2)], s.Slices);
        Assert.Equal([4L, 0L], s.TargetOffset);
    }

    [Fact]
    public void Zero_size_chunks_are_handled()
    {
        BlockPiece[][] r = ChunkIntersection.OldToNew1D([0, 3, 0, 2], [2, 0, 3]);
        Assert.Equal([new BlockPiece(1, AxisSlice.Range(0, 2))], r[0]);
        Assert.Equal(0, r[1].Single().Slice.Count);
        Assert.Equal([new BlockPiece(1, AxisSlice.Range(2, 3)), new BlockPiece(3, AxisSlice.Range(0, 2))], r[2]);
    }

    [Fact]
    public void Shape_mismatch_throws_with_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChunkIntersection.OldToNew(new Chunks([4, 4]), new Chunks([9])));
        Assert.Contains("(8,)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(9,)", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public void Pieces_tile_every_new_block_exactly(int seed)
    {
        var rng = new Random(seed);
        long[][] RandomAxis(long total)
        {
            var sizes = new List<long>();
            long left = total;
            while (left > 0)
            {
                long s = Math.Min(left, rng.Next(1, 5));
                sizes.Add(s);
                left -= s;
            }

            return [[.. sizes]];
        }

        int rank = rng.Next(1, 4);
        long[] shape = Enumerable.Range(0, rank).Select(_ => (long)rng.Next(1, 10)).ToArray();
        var oldC = new Chunks(shape.SelectMany(RandomAxis));
        var newC = new Chunks(shape.SelectMany(RandomAxis));
        foreach (RechunkBlock block in ChunkIntersection.IntersectChunks(oldC, newC))
        {
            long[] newShape = newC.BlockShape(block.NewBlock);
            long[] newOffset = newC.BlockOffset(block.NewBlock);
            long covered = 0;
            foreach (RechunkSource src in block.Sources)
            {
                long[] oldOffset = oldC.BlockOffset(src.OldBlock);
                long[] oldShape = oldC.BlockShape(src.OldBlock);
                long vol = 1;
                for (int d = 0; d < rank; d++)
                {
                    Assert.InRange(src.Slices[d].Start, 0, oldShape[d]);
                    Assert.InRange(src.Slices[d].Stop, 0, oldShape[d]);

                    // Global position of the piece agrees between old and new coordinates.
                    Assert.Equal(oldOffset[d] + src.Slices[d].Start, newOffset[d] + src.TargetOffset[d]);
                    Assert.InRange(src.TargetOffset[d] + src.Slices[d].Count, 0, newShape[d]);
                    vol *= src.Slices[d].Count;
                }

                covered += vol;
            }

            Assert.Equal(newShape.Aggregate(1L, (a, b) => a * b), covered);
        }
    }
}
