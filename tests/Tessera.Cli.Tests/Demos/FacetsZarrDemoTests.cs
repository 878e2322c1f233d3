using Tessera.Cli.Demos;

namespace Tessera.Cli.Tests.Demos;

public sealed class FacetsZarrDemoTests
{
    [Fact]
    public async Task FacetsAreWrittenToZarrOnceThenReadFromIt()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tessera-facets-zarr-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new FacetsDemoOptions(Size: 128, Facets: 10, Chunk: 64, Threads: 2, Full: true, Zarr: dir);
            using var first = new StringWriter();
            Assert.Equal(0, await FacetsDemo.RunAsync(options, first, CancellationToken.None));
            Assert.Contains($"facets written to Zarr '{dir}'", first.ToString(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, ".zarray")));
            long chunkFiles = Directory.EnumerateFiles(dir).Count(f => !Path.GetFileName(f).StartsWith('.'));
            Assert.Equal(10 * 2 * 2, chunkFiles);

            // The second run reads the array instead of writing it again.
            var stamp = File.GetLastWriteTimeUtc(Path.Combine(dir, "0.0.0"));
            using var second = new StringWriter();
            Assert.Equal(0, await FacetsDemo.RunAsync(options, second, CancellationToken.None));
            string text = second.ToString();
            Assert.DoesNotContain("facets written", text, StringComparison.Ordinal);
            Assert.Contains("reading the facets from <zarr v2 array shape=(10, 128, 128) chunks=(1, 64, 64) dtype=int64", text, StringComparison.Ordinal);
            Assert.Contains("[45, 45, 45,", text, StringComparison.Ordinal);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(dir, "0.0.0")));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
