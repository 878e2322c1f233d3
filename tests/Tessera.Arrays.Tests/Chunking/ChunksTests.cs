namespace Tessera.Arrays.Tests.Chunking;

public class ChunksTests
{
    private static readonly Chunks Sample = new([5, 5, 2], [3]);

    [Fact]
    public void Shape_blocks_and_counts()
    {
        Assert.Equal(2, Sample.Rank);
        Assert.Equal([12L, 3L], Sample.Shape);
        Assert.Equal([3, 1], Sample.BlocksPerAxis);
        Assert.Equal(3, Sample.BlockCount);
        Assert.Equal(36, Sample.ElementCount);
        Assert.Equal([5L, 3L], Sample.LargestBlockShape);
        Assert.Equal(15, Sample.LargestBlockElements);
    }

    [Fact]
    public void Offsets_are_cumulative()
    {
        Assert.Equal([0L, 5L, 10L, 12L], Sample.Offsets(0));
        Assert.Equal([0L, 3L], Sample.Offsets(1));
    }

    [Fact]
    public void Block_shape_and_offset()
    {
        Assert.Equal([2L, 3L], Sample.BlockShape([2, 0]));
        Assert.Equal([10L, 0L], Sample.BlockOffset([2, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.BlockShape([3, 0]));
        Assert.Throws<ArgumentException>(() => Sample.BlockShape([0]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(11, 2)]
    public void BlockOf_finds_containing_block(long index, int expected) =>
        Assert.Equal(expected, Sample.BlockOf(0, index));

    [Fact]
    public void BlockOf_out_of_range_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.BlockOf(0, 12));

    [Fact]
    public void Locate_returns_blocks_and_local_ranges()
    {
        IReadOnlyList<BlockPiece> pieces = Sample.Locate(0, 3, 11);
        Assert.Equal(
            [new BlockPiece(0, AxisSlice.Range(3, 5)), new BlockPiece(1, AxisSlice.Range(0, 5)), new BlockPiece(2, AxisSlice.Range(0, 1))],
            pieces);
        Assert.Empty(Sample.Locate(0, 4, 4));
        Assert.Single(Sample.Locate(0, 5, 10));
    }

    [Fact]
    public void Block_indices_are_row_major()
    {
        var c = new Chunks([1, 1], [2, 2, 2]);
        Assert.Equal(
            ["0,0", "0,1", "0,2", "1,0", "1,1", "1,2"],
            c.BlockIndices().Select(i => string.Join(',', i)));
    }

    [Fact]
    public void ToString_is_python_tuple()
    {
        Assert.Equal("((5, 5, 2), (3,))", Sample.ToString());
        Assert.Equal("((4,),)", new Chunks([4L]).ToString());
    }

    [Fact]
    public void Equality_is_structural()
    {
        Assert.Equal(new Chunks([5, 5, 2], [3]), Sample);
        Assert.Equal(new Chunks([5, 5, 2], [3]).GetHashCode(), Sample.GetHashCode());
        Assert.NotEqual(new Chunks([5, 5, 2], [1, 2]), Sample);
        Assert.NotEqual(new Chunks([5, 5, 2]), Sample);
    }

    [Fact]
    public void Rejects_negative_or_missing_chunks()
    {
        Assert.Throws<ArgumentException>(() => new Chunks([5, -1]));
        Assert.Throws<ArgumentException>(() => new Chunks(Array.Empty<long>()));
    }
}
