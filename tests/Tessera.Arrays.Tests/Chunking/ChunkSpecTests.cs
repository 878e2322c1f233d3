namespace Tessera.Arrays.Tests.Chunking;

public class ChunkSpecTests
{
    [Fact]
    public void Block_shape_with_full_axis()
    {
        Chunks c = ChunkSpec.BlockShape(1, -1, 4096).Normalize([10, 16384, 16384]);
        Assert.Equal(Enumerable.Repeat(1L, 10), c[0]);
        Assert.Equal([16384L], c[1]);
        Assert.Equal([4096L, 4096L, 4096L, 4096L], c[2]);
    }

    [Fact]
    public void Uniform_size_leaves_remainder_and_clips()
    {
        Chunks c = ((ChunkSpec)4).Normalize([10, 3]);
        Assert.Equal("((4, 4, 2), (3,))", c.ToString());
    }

    [Fact]
    public void Per_axis_irregular()
    {
        Chunks c = ChunkSpec.PerAxis([5, 5, 2], [3]).Normalize([12, 3]);
        Assert.Equal(new Chunks([5, 5, 2], [3]), c);
    }

    [Fact]
    public void Empty_axis_gives_zero_chunk()
    {
        Assert.Equal("((0,), (2, 1))", ChunkSpec.Uniform(2).Normalize([0, 3]).ToString());
        Assert.Equal("((0,),)", ChunkSpec.PerAxis([0]).Normalize([0]).ToString());
    }

    [Theory]
    [InlineData(20000, 20000, 8, "((4096, 4096, 4096, 4096, 3616), (4096, 4096, 4096, 4096, 3616))")]
    [InlineData(1000, 1000, 8, "((1000,), (1000,))")]
    public void Auto_2d_matches_dask(long a, long b, int itemSize, string expected) =>
        Assert.Equal(expected, ChunkSpec.Auto.Normalize([a, b], itemSize).ToString());

    [Fact]
    public void Auto_3d_gives_full_small_axis_and_square_rest()
    {
        Chunks c = ChunkSpec.Parse("auto").Normalize([10, 16384, 16384], 8);
        Assert.Equal([10L], c[0]);
        Assert.Equal(1295L, c[1][0]);
        Assert.Equal(844L, c[1][^1]);
        Assert.Equal(13, c[2].Count);
    }

    [Fact]
    public void Auto_1d_and_cube_root_rounding_match_dask()
    {
        Assert.Equal(16777216L, ChunkSpec.Auto.Normalize([100_000_000], 8)[0][0]);

        // Dask: normalize_chunks('auto', (1000, 1000, 1000), dtype=float64) -> 255 (pow rounds to 255.99999999999997)
        Assert.Equal(255L, ChunkSpec.Auto.Normalize([1000, 1000, 1000], 8)[0][0]);
    }

    [Fact]
    public void Auto_respects_custom_limit_and_fixed_axes()
    {
        Chunks c = ChunkSpec.BlockShape(4, ChunkSpec.AutoAxis).Normalize([100, 1_000_000], 8, autoLimitBytes: 4 * 8 * 1000);
        Assert.Equal(1000L, c[1][0]);
        Assert.Equal(4L, c[0][0]);
    }

    [Fact]
    public void Auto_chunk_never_exceeds_limit_much()
    {
        Chunks c = ChunkSpec.Auto.Normalize([50000, 30000, 7], 4, 64L * 1024 * 1024);
        Assert.True(c.LargestBlockElements * 4 <= 64L * 1024 * 1024);
    }

    [Fact]
    public void Sum_mismatch_message_names_operation_spec_shape_and_expectation()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChunkSpec.PerAxis([5, 5], [3]).Normalize([11, 3], operation: "rechunk"));
        Assert.Contains("rechunk", ex.Message, StringComparison.Ordinal);
        Assert.Contains("((5, 5), (3,))", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(11, 3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_or_negative_sizes_rejected()
    {
        Assert.Throws<ArgumentException>(() => ChunkSpec.PerAxis([5, 0, 6]).Normalize([11]));
        Assert.Throws<ArgumentException>(() => ChunkSpec.Uniform(0).Normalize([11]));
        var ex = Assert.Throws<ArgumentException>(() => ChunkSpec.BlockShape(-5, 2).Normalize([11, 2]));
        Assert.Contains("(-5, 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_axis_count_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChunkSpec.BlockShape(1, 2).Normalize([10, 10, 10], operation: "from_array"));
        Assert.Contains("from_array", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(10, 10, 10)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 2)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChunkSpec.PerAxis([10]).Normalize([10, 10]));
    }

    [Fact]
    public void Parse_and_ToString()
    {
        Assert.Equal(ChunkSpecKind.Auto, ChunkSpec.Parse("AUTO").Kind);
        Assert.Equal("12", ChunkSpec.Parse("12").ToString());
        Assert.Equal("(1, -1, 'auto')", ChunkSpec.BlockShape(1, -1, ChunkSpec.AutoAxis).ToString());
        Assert.Equal("(3,)", ChunkSpec.BlockShape(3).ToString());
        Assert.Throws<ArgumentException>(() => ChunkSpec.Parse("big"));
    }
}
