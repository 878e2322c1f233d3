using Tessera.IO.Stores;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Bad input gets a clear error that names the file and the problem; a failed write leaves no metadata claiming success.</summary>
public sealed class BadInputTests
{
    private static string Messages(Exception e)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            text.AppendLine(x.Message);
        }

        return text.ToString();
    }

    private static DArray<double> Small() => DArray.FromArray(NDArray.Wrap(Enumerable.Range(0, 60).Select(i => (double)i).ToArray(), 6, 10), new long[] { 3, 5 });

    [Fact]
    public void AMissingArrayNamesThePath()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => DArray.FromZarr<double>(dir.Path, "nothing"));
        Assert.Contains(dir.Path + "/nothing", e.Message, StringComparison.Ordinal);
        Assert.Contains(".zarray", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptMetadataNamesTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, ".zarray"), "{\"zarr_format\": 2, \"shape\": [4");
        var e = Assert.Throws<InvalidDataException>(() => DArray.FromZarr<double>(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, ".zarray"), e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir.Path, ".zarray"), "{\"zarr_format\": 2, \"shape\": [4], \"dtype\": \"<f8\"}");
        e = Assert.Throws<InvalidDataException>(() => DArray.FromZarr<double>(dir.Path));
        Assert.Contains("has no \"chunks\"", e.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir.Path, "zarr.json"), "{\"zarr_format\": 3, \"node_type\": \"group\"}");
        e = Assert.Throws<InvalidDataException>(() => DArray.FromZarr<double>(dir.Path));
        Assert.Contains("zarr.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a v3 array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedCodecsAndDtypesAreNamedWithWhatIsSupported()
    {
        using var dir = new TempDir();
        Tool.Python("""
import sys, numpy as np, zarr, numcodecs
g = zarr.open_group(sys.argv[1], mode='w')
g.create_dataset('bz2', data=np.arange(10.0), chunks=(5,), compressor=numcodecs.BZ2())
g.create_dataset('complex', data=np.arange(10.0).astype('c16'), chunks=(5,))
g.create_dataset('delta', data=np.arange(10.0), chunks=(5,), filters=[numcodecs.Delta(dtype='f8')])
""", dir.Path);
        var e = Assert.Throws<NotSupportedException>(() => DArray.FromZarr<double>(dir.Path, "bz2"));
        Assert.Contains("compressor 'bz2' is not supported", e.Message, StringComparison.Ordinal);
        Assert.Contains("blosc (lz4, lz4hc, zstd, zlib), zlib, gzip, zstd", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir.Path, "bz2", ".zarray"), e.Message, StringComparison.Ordinal);
        e = Assert.Throws<NotSupportedException>(() => DArray.FromZarr<double>(dir.Path, "complex"));
        Assert.Contains("dtype '<c16' is not supported", e.Message, StringComparison.Ordinal);
        Assert.Contains("float64", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<NotSupportedException>(() => DArray.FromZarr<double>(dir.Path, "delta"));
        Assert.Contains("filters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChunkFileOfTheWrongSizeOrCorruptContentIsNamedWhenRead()
    {
        using var dir = new TempDir();
        string raw = dir.Sub("raw.zarr");
        string blosc = dir.Sub("blosc.zarr");
        Small().ToZarr(raw, new ZarrWriteOptions { Compressor = ZarrCompressor.None });
        Small().ToZarr(blosc);
        File.WriteAllBytes(Path.Combine(raw, "1.0"), new byte[17]);
        var bytes = File.ReadAllBytes(Path.Combine(blosc, "0.1"));
        File.WriteAllBytes(Path.Combine(blosc, "0.1"), bytes[..^5]);

        var e = Assert.ThrowsAny<Exception>(() => DArray.FromZarr<double>(raw).Compute());
        Assert.Contains(Path.Combine(raw, "1.0"), Messages(e), StringComparison.Ordinal);
        Assert.Contains("holds 17 bytes where a chunk of shape (3, 5) of float64 has 120", Messages(e), StringComparison.Ordinal);

        e = Assert.ThrowsAny<Exception>(() => DArray.FromZarr<double>(blosc).Compute());
        Assert.Contains(Path.Combine(blosc, "0.1"), Messages(e), StringComparison.Ordinal);
        Assert.Contains("blosc", Messages(e), StringComparison.Ordinal);

        // The other chunks still read.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (double)i), DArray.FromZarr<double>(blosc)[0, ..5].Compute().ToArray());
    }

    [Fact]
    public void ADtypeThatDoesNotMatchTIsRefusedWithTheRightType()
    {
        using var dir = new TempDir();
        Small().ToZarr(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => DArray.FromZarr<int>(dir.Path));
        Assert.Contains("holds float64 (<f8)", e.Message, StringComparison.Ordinal);
        Assert.Contains("FromZarr<Double>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegionsOutOfBoundsOrOffTheChunkGridAreRefused()
    {
        using var dir = new TempDir();
        Small().ToZarr(dir.Path);
        var block = DArray.FromArray(NDArray.Full(7.0, 3, 5), new long[] { 3, 5 });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => block.ToZarr(dir.Path, new ZarrWriteOptions { RegionStart = [3, 6] }));
        Assert.Contains("out of bounds", e.Message, StringComparison.Ordinal);
        Assert.Contains("(6, 10)", e.Message, StringComparison.Ordinal);

        var a = Assert.Throws<ArgumentException>(() => block.ToZarr(dir.Path, new ZarrWriteOptions { RegionStart = [1, 0] }));
        Assert.Contains("not on a chunk boundary", a.Message, StringComparison.Ordinal);

        // Aligned: written in place, the rest kept.
        block.ToZarr(dir.Path, new ZarrWriteOptions { RegionStart = [3, 5] });
        var back = DArray.FromZarr<double>(dir.Path).Compute();
        Assert.Equal(7.0, back[4, 7]);
        Assert.Equal(34.0, back[3, 4]);
    }

    [Fact]
    public void MisalignedBlocksAreRefusedUnlessARechunkIsAsked()
    {
        using var dir = new TempDir();
        var x = DArray.FromArray(NDArray.Wrap(Enumerable.Range(0, 60).Select(i => (double)i).ToArray(), 6, 10), new long[][] { [2, 4], [5, 5] });
        var e = Assert.Throws<ArgumentException>(() => x.ToZarr(dir.Sub("a")));
        Assert.Contains("along axis 0 (2, 4) are not of one size", e.Message, StringComparison.Ordinal);
        Assert.Contains("Rechunk = true", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Sub("a")) && File.Exists(Path.Combine(dir.Sub("a"), ".zarray")));

        x.ToZarr(dir.Sub("a"), new ZarrWriteOptions { Rechunk = true });
        Assert.Equal([2, 5], ZarrArrayInfo.Open(dir.Sub("a")).Chunks);
        Assert.Equal(x.Compute().ToArray(), DArray.FromZarr<double>(dir.Sub("a")).Compute().ToArray());
    }

    [Fact]
    public void WritesIntoAReadOnlyStoreOrOverAnExistingArrayAreRefused()
    {
        using var dir = new TempDir();
        Small().ToZarr(dir.Path);
        var e = Assert.Throws<ReadOnlyStoreException>(() => Small().ToZarrAsync(new DirectoryStore(dir.Path, readOnly: true)).GetAwaiter().GetResult());
        Assert.Contains(dir.Path, e.Message, StringComparison.Ordinal);
        var io = Assert.Throws<IOException>(() => Small().ToZarr(dir.Path));
        Assert.Contains("Overwrite = true", io.Message, StringComparison.Ordinal);
        (Small() * 2.0).ToZarr(dir.Path, new ZarrWriteOptions { Overwrite = true });

        // A group is not replaced by an array unless asked either.
        Small().ToZarr(dir.Sub("g"), new ZarrWriteOptions { ArrayPath = "inner" });
        io = Assert.Throws<IOException>(() => Small().ToZarr(dir.Sub("g")));
        Assert.Contains("array or group already exists", io.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Sub("g"), "inner", ".zarray")));
        Assert.Equal(118.0, DArray.FromZarr<double>(dir.Path).Compute()[5, 9]);
    }

    [Fact]
    public void AFailedWriteLeavesNoMetadataClaimingSuccess()
    {
        using var dir = new TempDir();
        var failing = DArray.FromFunction<double>(
            b => b.Index[0] == 1 ? throw new InvalidOperationException("disk on fire") : NDArray.Full(1.0, b.Shape), [6, 10], new long[] { 3, 5 });
        Assert.ThrowsAny<Exception>(() => failing.ToZarr(dir.Sub("new")));
        Assert.False(File.Exists(Path.Combine(dir.Sub("new"), ".zarray")));

        // Over an existing array: its old metadata go before any chunk is replaced.
        Small().ToZarr(dir.Sub("old"), new ZarrWriteOptions { ZarrFormat = 3 });
        Assert.ThrowsAny<Exception>(() => failing.ToZarr(dir.Sub("old"), new ZarrWriteOptions { ZarrFormat = 3, Overwrite = true }));
        Assert.False(File.Exists(Path.Combine(dir.Sub("old"), "zarr.json")));
        Assert.Throws<FileNotFoundException>(() => DArray.FromZarr<double>(dir.Sub("old")));
    }
}
