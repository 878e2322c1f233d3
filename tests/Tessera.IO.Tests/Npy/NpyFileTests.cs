using System.Numerics;
using Tessera.IO.Npy;
using Tessera.IO.Tests.Support;

namespace Tessera.IO.Tests.Npy;

/// <summary>NPY files both ways with NumPy (the judge), including byte-identical saves, mapping and bad input.</summary>
public sealed class NpyFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> DTypes => new()
    {
        { "bool", "|b1" }, { "int8", "|i1" }, { "uint8", "|u1" }, { "int16", "<i2" }, { "int16", ">i2" }, { "uint16", ">u2" },
        { "int32", "<i4" }, { "int32", ">i4" }, { "uint32", "<u4" }, { "int64", "<i8" }, { "int64", ">i8" }, { "uint64", ">u8" },
        { "float16", "<f2" }, { "float32", "<f4" }, { "float32", ">f4" }, { "float64", "<f8" }, { "float64", ">f8" },
    };

    [Theory]
    [MemberData(nameof(DTypes))]
    public void LoadsWhatNumPyWrote(string name, string descr)
    {
        foreach (var (shape, fortran) in new (string Shape, bool Fortran)[] { ("(3, 5)", false), ("(3, 5)", true), ("(2, 3, 4)", true), ("()", false), ("(0, 4)", false), ("(7,)", false) })
        {
            string path = _dir.File($"{name}{(fortran ? "f" : "c")}.npy");
            Python.Run(
                "import numpy as np, sys, math\n" +
                "shape = eval(sys.argv[2]); n = math.prod(shape)\n" +
                "a = (np.arange(n) % 7 * 3 - 5).astype(sys.argv[3]).reshape(shape) if sys.argv[3] != '|b1' else (np.arange(n) % 3 == 0).reshape(shape)\n" +
                "a = np.asfortranarray(a) if sys.argv[4] == '1' else a\n" +
                "np.save(sys.argv[1], a)",
                path, shape, descr, fortran ? "1" : "0");
            long[] dims = [.. shape.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)];
            switch (name)
            {
                case "bool": CheckBool(path, dims); break;
                case "int8": Check<sbyte>(path, dims); break;
                case "uint8": Check<byte>(path, dims); break;
                case "int16": Check<short>(path, dims); break;
                case "uint16": Check<ushort>(path, dims); break;
                case "int32": Check<int>(path, dims); break;
                case "uint32": Check<uint>(path, dims); break;
                case "int64": Check<long>(path, dims); break;
                case "uint64": Check<ulong>(path, dims); break;
                case "float16": Check<Half>(path, dims); break;
                case "float32": Check<float>(path, dims); break;
                default: Check<double>(path, dims); break;
            }
        }
    }

    private static void Check<T>(string path, long[] shape)
        where T : unmanaged, INumber<T>
    {
        foreach (var mode in new[] { NpyMapMode.None, NpyMapMode.CopyOnWrite })
        {
            using var a = NDArray.LoadNpy<T>(path, mode);
            Assert.Equal(shape, a.Shape.ToArray());
            var values = a.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(T.CreateTruncating((i % 7 * 3) - 5), values[i]);
            }
        }
    }

    private static void CheckBool(string path, long[] shape)
    {
        using var a = NDArray.LoadNpy<bool>(path);
        Assert.Equal(shape, a.Shape.ToArray());
        var values = a.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(i % 3 == 0, values[i]);
        }
    }

    [Fact]
    public void SavesByteForByteWhatNumPySaves()
    {
        var cases = new List<(string File, string Make)>();
        void Add<T>(string dtype, long[] shape, bool transposed)
            where T : unmanaged, INumber<T>
        {
            long n = shape.Aggregate(1L, (x, y) => x * y);
            var data = Enumerable.Range(0, (int)n).Select(i => T.CreateTruncating((i * 5) - 11)).ToArray();
            using var a = NDArray.Wrap(data, shape);
            using var view = transposed ? a.Transpose() : a.Slice();
            string file = _dir.File($"save-{dtype}-{string.Join("x", shape)}-{transposed}.npy");
            view.SaveNpy(file);
            string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
            cases.Add((file, $"(np.arange({n}) * 5 - 11).astype('{dtype}').reshape({shapeText}){(transposed ? ".T" : "")}"));
        }

        Add<double>("float64", [3, 4], false);
        Add<double>("float64", [3, 4], true);
        Add<float>("float32", [2, 3, 4], true);
        Add<long>("int64", [12345678], false);
        Add<int>("int32", [0, 3], false);
        Add<short>("int16", [1, 1], false);
        Add<sbyte>("int8", [5], false);
        Add<byte>("uint8", [4, 2], true);
        Add<ushort>("uint16", [2, 2, 2, 2, 2], false);
        Add<uint>("uint32", [7], false);
        Add<ulong>("uint64", [3, 1], false);
        Add<Half>("float16", [9], false);
        using (var scalar = NDArray.Scalar(2.5))
        {
            scalar.SaveNpy(_dir.File("scalar.npy"));
            cases.Add((_dir.File("scalar.npy"), "np.array(2.5)"));
        }

        using (var flags = NDArray.Wrap(new[] { true, false, true, true }, 2, 2))
        {
            flags.SaveNpy(_dir.File("bool.npy"));
            cases.Add((_dir.File("bool.npy"), "np.array([[True, False], [True, True]])"));
        }

        foreach (var (file, make) in cases)
        {
            string reference = file + ".numpy.npy";
            Python.Run($"import numpy as np, sys\nnp.save(sys.argv[1], {make})", reference);
            Assert.True(File.ReadAllBytes(reference).AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} differs from numpy.save's {make}");
        }
    }

    [Fact]
    public void RoundTripsThroughNumPyLoad()
    {
        using var a = NDArray.Wrap(Enumerable.Range(0, 24).Select(i => i * 0.5).ToArray(), 2, 3, 4);
        a.SaveNpy(_dir.File("a.npy"));
        string printed = Python.Run("import numpy as np, sys\na = np.load(sys.argv[1]); print(a.dtype, a.shape, float(a.sum()), a[1, 2, 3])", _dir.File("a.npy"));
        Assert.Equal("float64 (2, 3, 4) 138.0 11.5", printed.Trim());
    }

    [Fact]
    public void MappedArraysAreViewsOfTheFile()
    {
        string path = _dir.File("m.npy");
        Python.Run("import numpy as np, sys\nnp.save(sys.argv[1], np.arange(1000, dtype='<i8').reshape(10, 100))", path);
        using (var copy = NDArray.LoadNpy<long>(path, NpyMapMode.CopyOnWrite))
        {
            Assert.Equal(523L, copy[5, 23]);
            copy[5, 23] = -1;
            Assert.Equal(-1L, copy[5, 23]);
        }

        using (var fresh = NDArray.LoadNpy<long>(path))
        {
            Assert.Equal(523L, fresh[5, 23]);
        }

        using (var through = NDArray.LoadNpy<long>(path, NpyMapMode.ReadWrite))
        {
            through[5, 23] = -7;
        }

        Assert.Equal("-7", Python.Run("import numpy as np, sys\nprint(np.load(sys.argv[1])[5, 23])", path).Trim());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadsEveryFormatVersion(int major)
    {
        string path = _dir.File($"v{major}.npy");
        Python.Run(
            "import numpy as np, sys\n" +
            "with open(sys.argv[1], 'wb') as f:\n" +
            "    np.lib.format.write_array(f, np.arange(12, dtype='>u2').reshape(3, 4), version=(int(sys.argv[2]), 0))",
            path, major.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((byte)major, File.ReadAllBytes(path)[6]);
        using var a = NDArray.LoadNpy<ushort>(path);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (ushort)i), a.ToArray());
        using var region = NpyFile.ReadRegion<ushort>(path, [1, 1], [2, 2], "test");
        Assert.Equal([(ushort)5, 6, 9, 10], region.ToArray());
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => NpyFile.ReadRegion<ushort>(path, [2, 1], [2, 2], "test"));
        Assert.Contains($"v{major}.npy", outside.Message);
        Assert.Contains("outside the array of shape (3, 4)", outside.Message);
    }

    [Fact]
    public void ReadsRegionsOfFortranOrderedFiles()
    {
        string path = _dir.File("f.npy");
        Python.Run("import numpy as np, sys\nnp.save(sys.argv[1], np.asfortranarray(np.arange(60, dtype='<i4').reshape(3, 4, 5)))", path);
        using var region = NpyFile.ReadRegion<int>(path, [1, 1, 2], [2, 3, 2], "test");
        int[] expected = [.. from i in Enumerable.Range(1, 2) from j in Enumerable.Range(1, 3) from k in Enumerable.Range(2, 2) select (i * 20) + (j * 5) + k];
        Assert.Equal(expected, region.ToArray());
    }

    [Fact]
    public void MapsAndReadsFilesPast2GiB()
    {
        // A sparse file: 2.25 GiB of int64 zeros that take no disk space until written.
        string stack = _dir.File("bigstack");
        Directory.CreateDirectory(stack);
        string path = Path.Combine(stack, "0.npy");
        long rows = 9 << 12, cols = 1 << 13;
        byte[] header = NpyHeader.Format(new NpyDType('i', 8, false), false, [rows, cols]);
        using (var file = File.Create(path))
        {
            file.Write(header);
            file.SetLength(header.Length + (rows * cols * 8));
        }

        using (var mapped = NDArray.LoadNpy<long>(path, NpyMapMode.ReadWrite))
        {
            Assert.Equal(rows * cols * 8, mapped.NBytes);
            Assert.True(mapped.NBytes > int.MaxValue);
            Assert.Equal(0L, mapped[rows - 1, cols - 1]);
            mapped[rows - 1, cols - 1] = 42;
            mapped[0, 1] = -1;
        }

        using var corner = NpyFile.ReadRegion<long>(path, [rows - 2, cols - 2], [2, 2], "test");
        Assert.Equal([0L, 0, 0, 42], corner.ToArray());

        // One block of 2.25 GiB in a lazy array: a selection reads only its bytes.
        File.WriteAllBytes(Path.Combine(stack, "info"), new NpyStackInfo([[rows], [cols]], new NpyDType('i', 8, false), 0).Write());
        var x = Tessera.Arrays.DArray.FromNpyStack<long>(stack);
        Assert.Equal(1, x.BlockCount);
        using var tail = x[rows - 1, (int)(cols - 3)..].Compute();
        Assert.Equal([0L, 0, 42], tail.ToArray());
        File.Delete(path);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        string good = _dir.File("good.npy");
        Python.Run("import numpy as np, sys\nnp.save(sys.argv[1], np.arange(100, dtype='<f8'))\nnp.save(sys.argv[2], np.zeros(3, dtype='<c16'))", good, _dir.File("complex.npy"));
        byte[] bytes = File.ReadAllBytes(good);

        File.WriteAllBytes(_dir.File("header.npy"), bytes[..40]);
        var e = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(_dir.File("header.npy")));
        Assert.Contains("header.npy", e.Message);
        Assert.Contains("truncated", e.Message);

        File.WriteAllBytes(_dir.File("data.npy"), bytes[..^8]);
        e = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(_dir.File("data.npy")));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("800 data bytes", e.Message);
        Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(_dir.File("data.npy"), NpyMapMode.CopyOnWrite));

        File.WriteAllBytes(_dir.File("magic.npy"), [.. "PK\x03\x04 not npy at all"u8]);
        e = Assert.Throws<InvalidDataException>(() => NDArray.LoadNpy<double>(_dir.File("magic.npy")));
        Assert.Contains("not an NPY file", e.Message);

        var unsupported = Assert.Throws<NotSupportedException>(() => NDArray.LoadNpy<double>(_dir.File("complex.npy")));
        Assert.Contains("'<c16'", unsupported.Message);
        Assert.Contains("float16/32/64", unsupported.Message);

        var mismatch = Assert.Throws<ArgumentException>(() => NDArray.LoadNpy<int>(good));
        Assert.Contains("float64", mismatch.Message);
        Assert.Contains("read it as double", mismatch.Message);

        Assert.Throws<FileNotFoundException>(() => NDArray.LoadNpy<double>(_dir.File("missing.npy")));

        using var a = NDArray.Ones<double>(4);
        string unwritable = Path.Combine(_dir.Path, "no-such-dir", "x.npy");
        var io = Assert.Throws<IOException>(() => a.SaveNpy(unwritable));
        Assert.Contains(unwritable, io.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }
}
