using Tessera.IO.Tests.Stores;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Reads are lazy: each block task reads its own chunk file, and a selection the optimizer pushes down reads only the chunks it touches.</summary>
public sealed class LazyReadTests
{
    private static (TempDir Dir, string Path) Write(ZarrCompressor compressor)
    {
        var dir = new TempDir();
        string path = dir.Sub("a.zarr");
        DArray.Arange<double>(100 * 100).Reshape100().ToZarr(path, new ZarrWriteOptions { Compressor = compressor });
        return (dir, path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RowZeroOfA2DArrayOpensOnlyTheFirstRowOfChunks(bool compressed)
    {
        var (dir, path) = Write(compressed ? ZarrCompressor.Default : ZarrCompressor.None);
        using (dir)
        {
            using var scope = Scheduler.Use(new ThreadedScheduler(2));
            var store = new CountingStore(path);
            var x = DArray.FromZarr<double>(store);
            Assert.Equal(100, x.BlockCount);
            Assert.Empty(store.ChunkReads);

            var row = x[0, ..].Compute().ToArray();

            Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), row);
            Assert.Equal(Enumerable.Range(0, 10).Select(j => $"0.{j}").Order(StringComparer.Ordinal), store.ChunkReads);
            if (compressed)
            {
                // Each compressed chunk file is opened once (its size taken from the open handle).
                Assert.Equal(10, store.Reads.Count(k => k.StartsWith("0.", StringComparison.Ordinal)));
            }
            else
            {
                // Of an uncompressed chunk, only row 0's 10 float64 (80 bytes at offset 0) are read.
                Assert.Equal(10, store.Ranges.Count);
                Assert.All(store.Ranges, r => Assert.Equal((0L, 80), (r.Offset, r.Length)));
            }
        }
    }

    [Fact]
    public void AColumnOfUncompressedChunksReadsOnlyItsElements()
    {
        var (dir, path) = Write(ZarrCompressor.None);
        using (dir)
        {
            using var scope = Scheduler.Use(new SynchronousScheduler());
            var store = new CountingStore(path);
            var column = DArray.FromZarr<double>(store)[5..15, 3].Compute().ToArray();
            Assert.Equal(Enumerable.Range(5, 10).Select(r => (double)((r * 100) + 3)), column);
            Assert.Equal(["0.0", "1.0"], store.ChunkReads);
            Assert.Equal(10, store.Ranges.Count);
            Assert.All(store.Ranges, r => Assert.Equal(8, r.Length));
        }
    }

    [Fact]
    public void ASelectionPushedThroughArithmeticAndAReductionReadsOnlyItsChunks()
    {
        var (dir, path) = Write(ZarrCompressor.Default);
        using (dir)
        {
            using var scope = Scheduler.Use(new SynchronousScheduler());
            var store = new CountingStore(path);
            var x = DArray.FromZarr<double>(store);

            // Column 3, rows 5..14: two chunks; through "* 2 + 1" and a sum over axis 1 of columns 0..9 of those rows.
            var column = ((x * 2.0) + 1.0)[5..15, 3].Compute().ToArray();
            Assert.Equal(Enumerable.Range(5, 10).Select(r => ((r * 100 + 3) * 2.0) + 1.0), column);
            Assert.Equal(["0.0", "1.0"], store.ChunkReads);

            store.Reads.Clear();
            var sums = x.Sum(axis: 1)[42..44].Compute().ToArray();
            Assert.Equal([Enumerable.Range(0, 100).Sum(c => 4200.0 + c), Enumerable.Range(0, 100).Sum(c => 4300.0 + c)], sums);
            Assert.Equal(Enumerable.Range(0, 10).Select(j => $"4.{j}").Order(StringComparer.Ordinal), store.ChunkReads);
        }
    }
}

internal static class ReshapeHelper
{
    /// <summary>0..9999 as a 100 x 100 array in 10 x 10 blocks, built block by block.</summary>
    public static DArray<double> Reshape100(this DArray<double> _) =>
        DArray.FromFunction(b => NDArray.Wrap(
            Enumerable.Range(0, 100).Select(k => (double)(((b.Offset[0] + (k / 10)) * 100) + b.Offset[1] + (k % 10))).ToArray(), 10, 10),
            [100, 100], new long[] { 10, 10 });
}
