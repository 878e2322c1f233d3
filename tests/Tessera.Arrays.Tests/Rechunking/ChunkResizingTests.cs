namespace Tessera.Arrays.Tests.Rechunking;

public class ChunkResizingTests
{
    [Fact]
    public void Divide_to_width_matches_dask()
    {
        Assert.Equal([3L, 3L, 4L, 3L, 4L, 3L], ChunkResizing.DivideToWidth([10, 7, 3], 4));
        Assert.Equal([0L, 1L, 2L, 2L], ChunkResizing.DivideToWidth([0, 5], 2));
    }

    [Fact]
    public void Merge_to_number_matches_dask()
    {
        Assert.Equal([10L, 7L, 6L], ChunkResizing.MergeToNumber([3, 5, 2, 7, 1, 1, 4], 3));
        Assert.Equal([30L, 20L, 20L], ChunkResizing.MergeToNumber([10, 10, 10, 10, 10, 10, 10], 3));
        Assert.Equal([2L, 1L, 1L], ChunkResizing.MergeToNumber([1, 1, 1, 1], 3));
        Assert.Equal([1L, 2L], ChunkResizing.MergeToNumber([1, 2], 5));
    }
}
