using System.Globalization;
using System.Numerics;
using Tessera.IO.Hdf5;
using Tessera.IO.Tests.Support;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>HDF5 both ways with h5py (the judge), NetCDF-4 through netCDF4-python, and bad input.</summary>
public sealed class Hdf5Tests : IDisposable
{
    private const string Make =
        "import h5py, numpy as np, sys\n" +
        "def values(dtype, shape):\n" +
        "    n = int(np.prod(shape))\n" +
        "    return (np.arange(n) % 3 == 0).reshape(shape) if dtype == '?' else (np.arange(n) % 7 * 3 - 5).astype(dtype).reshape(shape)\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> DTypes => new() { "?", "i1", "u1", "<i2", ">i2", "<u2", "<i4", ">i4", ">u4", "<i8", ">i8", "<u8", "<f2", "<f4", ">f4", "<f8", ">f8" };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void ReadsWhatH5pyWrote(string dtype)
    {
        string path = _dir.File("in.h5");
        Python.Run(
            Make +
            "with h5py.File(sys.argv[1], 'w') as f:\n" +
            "    f.create_dataset('chunked', data=values(sys.argv[2], (23, 17)), chunks=(5, 6), compression='gzip', shuffle=True)\n" +
            "    f.create_group('g').create_dataset('contiguous', data=values(sys.argv[2], (9, 4, 3)))\n" +
            "    f.create_dataset('scalar', data=values(sys.argv[2], ()))\n",
            path, dtype);
        switch (dtype.TrimStart('<', '>'))
        {
            case "?": CheckBool(path); break;
            case "i1": Check<sbyte>(path); break;
            case "u1": Check<byte>(path); break;
            case "i2": Check<short>(path); break;
            case "u2": Check<ushort>(path); break;
            case "i4": Check<int>(path); break;
            case "u4": Check<uint>(path); break;
            case "i8": Check<long>(path); break;
            case "u8": Check<ulong>(path); break;
            case "f2": Check<Half>(path); break;
            case "f4": Check<float>(path); break;
            default: Check<double>(path); break;
        }
    }

    private static T Value<T>(long i)
        where T : INumber<T> => T.CreateTruncating((i % 7 * 3) - 5);

    private static void Check<T>(string path)
        where T : unmanaged, INumber<T>
    {
        var x = DArray.FromHdf5<T>(path, "chunked");
        Assert.Equal([23L, 17], x.Shape);
        Assert.Equal(Enumerable.Range(0, 23 * 17).Select(i => Value<T>(i)), x.Compute().ToArray());
        // A selection across stored chunks, pushed into the hyperslab reads.
        using var part = x[3..12, 4].Compute();
        Assert.Equal(Enumerable.Range(3, 9).Select(r => Value<T>((r * 17) + 4)), part.ToArray());
        var small = DArray.FromHdf5<T>(path, "chunked", ChunkSpec.BlockShape(4, 4));
        Assert.Equal([4L, 4, 4, 4, 4, 3], small.Chunks[0].ToArray());
        Assert.Equal(x.Compute().ToArray(), small.Compute().ToArray());
        var contiguous = DArray.FromHdf5<T>(path, "/g/contiguous");
        Assert.Equal(Enumerable.Range(0, 9 * 4 * 3).Select(i => Value<T>(i)), contiguous.Compute().ToArray());
        Assert.Equal(Value<T>(0), DArray.FromHdf5<T>(path, "scalar").Compute().ToScalar());
    }

    private static void CheckBool(string path)
    {
        var x = DArray.FromHdf5<bool>(path, "chunked");
        Assert.Equal(Enumerable.Range(0, 23 * 17).Select(i => i % 3 == 0), x.Compute().ToArray());
        Assert.Equal(Enumerable.Range(0, 9 * 4 * 3).Select(i => i % 3 == 0), DArray.FromHdf5<bool>(path, "g/contiguous").Compute().ToArray());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(9, true)]
    [InlineData(1, false)]
    public void H5pyReadsWhatWeWrote(int gzip, bool shuffle)
    {
        string path = _dir.File($"out-{gzip}.h5");
        var options = new Hdf5WriteOptions { GzipLevel = gzip, Shuffle = shuffle };
        var x = DArray.FromArray(NDArray.Wrap(Enumerable.Range(0, 11 * 7).Select(i => (i * 0.25) - 3).ToArray(), 11, 7), ChunkSpec.BlockShape(4, 3));
        x.ToHdf5(path, "group/deeper/x", options);
        string printed = Python.Run(
            "import h5py, numpy as np, sys\n" +
            "with h5py.File(sys.argv[1], 'r') as f:\n" +
            "    d = f['group/deeper/x']\n" +
            "    ok = bool((d[...] == np.arange(77).reshape(11, 7) * 0.25 - 3).all())\n" +
            "    print(d.dtype, d.shape, d.chunks, d.compression, d.shuffle, ok)",
            path);
        string compression = gzip == 0 ? "None" : "gzip";
        Assert.Equal($"float64 (11, 7) (4, 3) {compression} {(shuffle ? "True" : "False")} True", printed.Trim());
        Assert.Equal(x.Compute().ToArray(), DArray.FromHdf5<double>(path, "group/deeper/x").Compute().ToArray());
    }

    [Fact]
    public void EveryDTypeRoundTripsThroughH5py()
    {
        string printed = "";
        void RoundTrip<T>(string numpy, Func<int, T> value)
            where T : unmanaged
        {
            string path = _dir.File($"rt-{numpy}.h5");
            var data = Enumerable.Range(0, 30).Select(value).ToArray();
            DArray.FromArray(NDArray.Wrap(data, 5, 6), ChunkSpec.BlockShape(2, 4)).ToHdf5(path, "v");
            printed = Python.Run(
                "import h5py, numpy as np, sys\n" +
                "d = h5py.File(sys.argv[1], 'r')['v']\n" +
                "print(d.dtype, ' '.join(str(v) for v in d[...].ravel().tolist()))",
                path);
            var formatted = data.Select(v => v switch
            {
                bool b => b ? "True" : "False",
                float f => f % 1 == 0 ? f.ToString("0.0", CultureInfo.InvariantCulture) : f.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString(),
            });
            Assert.Equal($"{numpy} {string.Join(' ', formatted)}", printed.Trim());
            Assert.Equal(data, DArray.FromHdf5<T>(path, "v").Compute().ToArray());
        }

        RoundTrip("bool", i => i % 4 == 1);
        RoundTrip("int8", i => (sbyte)(i - 15));
        RoundTrip("uint8", i => (byte)(i * 8));
        RoundTrip("int16", i => (short)(i * -1000));
        RoundTrip("uint16", i => (ushort)(i * 2000));
        RoundTrip("int32", i => i * -70000);
        RoundTrip("uint32", i => (uint)i * 100000000u);
        RoundTrip("int64", i => i * -(1L << 40));
        RoundTrip("uint64", i => (ulong)i << 58);
        RoundTrip("float32", i => i * 1.5f);
    }

    [Fact]
    public void ReadsNetCdf4Variables()
    {
        string path = _dir.File("climate.nc");
        Python.Run(
            "import netCDF4, numpy as np, sys\n" +
            "with netCDF4.Dataset(sys.argv[1], 'w', format='NETCDF4') as ds:\n" +
            "    ds.createDimension('time', None); ds.createDimension('lat', 6); ds.createDimension('lon', 8)\n" +
            "    t = ds.createVariable('temperature', 'f4', ('time', 'lat', 'lon'), zlib=True, chunksizes=(1, 3, 8))\n" +
            "    t[0:4, :, :] = np.arange(4 * 6 * 8, dtype='f4').reshape(4, 6, 8) / 2\n" +
            "    ds.createVariable('lat', 'f8', ('lat',))[:] = np.linspace(-50, 50, 6)\n",
            path);
        var t = DArray.FromHdf5<float>(path, "temperature");
        Assert.Equal([4L, 6, 8], t.Shape);
        Assert.Equal(Enumerable.Range(0, 4 * 6 * 8).Select(i => i / 2f), t.Compute().ToArray());
        Assert.Equal(-50.0, DArray.FromHdf5<double>(path, "lat").Compute()[0]);
    }

    [Fact]
    public void UnwrittenChunksReadAsTheFillValue()
    {
        string path = _dir.File("sparse.h5");
        Python.Run(
            "import h5py, numpy as np, sys\n" +
            "with h5py.File(sys.argv[1], 'w') as f:\n" +
            "    d = f.create_dataset('x', shape=(10, 10), dtype='<i4', chunks=(5, 5), fillvalue=7, compression='gzip')\n" +
            "    d[0:5, 5:10] = np.arange(25).reshape(5, 5)\n",
            path);
        using var a = DArray.FromHdf5<int>(path, "x", ChunkSpec.BlockShape(5, 5)).Compute();
        Assert.Equal(7, a[0, 0]);
        Assert.Equal(7, a[9, 9]);
        Assert.Equal(24, a[4, 9]);
        using var region = Tessera.IO.Hdf5.Hdf5File.ReadRegion<int>(path, "x", [3, 4], [2, 2], new Tessera.IO.Npy.NpyDType('i', 4, false));
        Assert.Equal([7, 15, 7, 20], region.ToArray());
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => Tessera.IO.Hdf5.Hdf5File.ReadRegion<int>(path, "x", [9, 0], [2, 2], new Tessera.IO.Npy.NpyDType('i', 4, false)));
        Assert.Contains("sparse.h5:x", outside.Message);
        Assert.Contains("outside the dataset of shape (10, 10)", outside.Message);
    }

    [Fact]
    public void DefaultBlocksAreWholeStoredChunksNear128MiB()
    {
        Assert.Equal([23L, 17], Hdf5Chunking.Blocks([23, 17], [5, 6], 8));
        Assert.Equal([5L, 12], Hdf5Chunking.Blocks([23, 17], [5, 6], 8, targetBytes: 5 * 12 * 8));
        long[] big = Hdf5Chunking.Blocks([100_000, 100_000], [100, 100], 8);
        Assert.All(big, b => Assert.Equal(0, b % 100));
        long bytes = big[0] * big[1] * 8;
        Assert.InRange(bytes, 32L << 20, 128L << 20);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        string path = _dir.File("bad.h5");
        Python.Run(
            "import h5py, numpy as np, sys\n" +
            "with h5py.File(sys.argv[1], 'w') as f:\n" +
            "    f.create_dataset('x', data=np.arange(1000.0), chunks=(100,), compression='gzip')\n" +
            "    f.create_group('g').create_dataset('y', data=np.zeros(3, dtype='<c16'))\n" +
            "    f.create_dataset('s', data=np.array([b'ab', b'cd']))\n",
            path);
        var missing = Assert.Throws<KeyNotFoundException>(() => DArray.FromHdf5<double>(path, "nope"));
        Assert.Contains("'nope'", missing.Message);
        Assert.Contains("'x'", missing.Message);
        Assert.Contains("'g/y'", missing.Message);

        var complex = Assert.Throws<NotSupportedException>(() => DArray.FromHdf5<double>(path, "g/y"));
        Assert.Contains("g/y", complex.Message);
        Assert.Contains("int8/16/32/64", complex.Message);
        Assert.Throws<NotSupportedException>(() => DArray.FromHdf5<byte>(path, "s"));

        var mismatch = Assert.Throws<ArgumentException>(() => DArray.FromHdf5<float>(path, "x"));
        Assert.Contains("float64", mismatch.Message);
        Assert.Contains("read it as double", mismatch.Message);

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(_dir.File("truncated.h5"), bytes[..(bytes.Length / 3)]);
        var truncated = Assert.ThrowsAny<Exception>(() => DArray.FromHdf5<double>(_dir.File("truncated.h5"), "x").Compute());
        Assert.Contains("truncated.h5", truncated.ToString());
        File.WriteAllBytes(_dir.File("header.h5"), bytes[..20]);
        var header = Assert.Throws<InvalidDataException>(() => DArray.FromHdf5<double>(_dir.File("header.h5"), "x"));
        Assert.Contains("header.h5", header.Message);
        Assert.Throws<FileNotFoundException>(() => DArray.FromHdf5<double>(_dir.File("absent.h5"), "x"));

        var x = DArray.FromArray(NDArray.Wrap(new double[] { 1, 2, 3 }), ChunkSpec.BlockShape(2));
        var unwritable = Assert.Throws<IOException>(() => x.ToHdf5(Path.Combine(_dir.Path, "no-dir", "o.h5"), "x"));
        Assert.Contains("no-dir", unwritable.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.ToHdf5(_dir.File("o.h5"), "x", new Hdf5WriteOptions { GzipLevel = 4 }));

        // A block that fails leaves no file under the real name, and no temporary file.
        var failing = DArray.FromFunction<double>(b => b.Index[0] == 1 ? throw new InvalidOperationException("block 1 failed") : NDArray.Zeros<double>(b.Shape), [6], ChunkSpec.BlockShape(3));
        Assert.ThrowsAny<Exception>(() => failing.ToHdf5(_dir.File("failed.h5"), "x"));
        Assert.False(File.Exists(_dir.File("failed.h5")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }
}
