using Tessera.IO.Npy;
using Tessera.IO.Tests.Support;

namespace Tessera.IO.Tests.Npy;

/// <summary>Npy stacks both ways with Dask's own from_npy_stack/to_npy_stack, and the safety of the info reader.</summary>
public sealed class NpyStackTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("<f8", 0)]
    [InlineData(">i4", 1)]
    [InlineData("|u1", 0)]
    public void ReadsWhatDaskWrote(string dtype, int axis)
    {
        string stack = _dir.File($"dask-{axis}-{dtype[1..]}");
        Python.Run(
            "import dask.array as da, numpy as np, sys\n" +
            "x = da.from_array((np.arange(7 * 9) % 200).astype(sys.argv[2]).reshape(7, 9), chunks=(3, 4))\n" +
            "da.to_npy_stack(sys.argv[1], x, axis=int(sys.argv[3]))",
            stack, dtype, axis.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var expected = Enumerable.Range(0, 63).Select(i => (double)(i % 200)).ToArray();
        double[] got = dtype switch
        {
            "<f8" => DArray.FromNpyStack<double>(stack).Compute().ToArray(),
            ">i4" => [.. DArray.FromNpyStack<int>(stack).Compute().ToArray().Select(v => (double)v)],
            _ => [.. DArray.FromNpyStack<byte>(stack).Compute().ToArray().Select(v => (double)v)],
        };
        Assert.Equal(expected, got);
        if (dtype == "<f8")
        {
            var x = DArray.FromNpyStack<double>(stack);
            Assert.Equal(axis == 0 ? new long[] { 3, 3, 1 } : [7], x.Chunks[0].ToArray());
            using var row = x[4, 2..7].Compute();
            Assert.Equal(expected.Skip(4 * 9 + 2).Take(5), row.ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void DaskReadsWhatWeWrote(int axis)
    {
        string stack = _dir.File($"ours-{axis}");
        var x = DArray.FromArray(NDArray.Wrap(Enumerable.Range(0, 5 * 6 * 4).Select(i => (long)i * 3).ToArray(), 5, 6, 4), ChunkSpec.BlockShape(2, 4, 3));
        x.ToNpyStack(stack, axis);
        string printed = Python.Run(
            "import dask.array as da, numpy as np, sys\n" +
            "x = da.from_npy_stack(sys.argv[1])\n" +
            "ref = np.arange(5 * 6 * 4, dtype='<i8').reshape(5, 6, 4) * 3\n" +
            "print(x.dtype, x.chunks, bool((x.compute() == ref).all()))",
            stack);
        string chunks = axis == 0 ? "((2, 2, 1), (6,), (4,))" : "((5,), (4, 2), (4,))";
        Assert.Equal($"int64 {chunks} True", printed.Trim());
        Assert.Equal(x.Compute().ToArray(), DArray.FromNpyStack<long>(stack).Compute().ToArray());
    }

    [Fact]
    public void InfoPickleMatchesDasksOwn()
    {
        var info = new NpyStackInfo([[2, 2, 2], [4]], new NpyDType('i', 4, BigEndian: true), 0);
        File.WriteAllBytes(_dir.File("info"), info.Write());
        string printed = Python.Run("import pickle, sys\nprint(pickle.load(open(sys.argv[1], 'rb')))", _dir.File("info"));
        Assert.Equal("{'chunks': ((2, 2, 2), (4,)), 'dtype': dtype('>i4'), 'axis': 0}", printed.Trim());
        var big = new NpyStackInfo([[3_000_000_000L, 70_000, 300, 1, 0], [5]], new NpyDType('b', 1, false), 0);
        var back = NpyStackInfo.Read(big.Write(), "info");
        Assert.Equal(big.Chunks, back.Chunks);
        Assert.Equal(big.DType, back.DType);
        Assert.Equal(0, back.Axis);
        // Protocol 2 (older Python/Dask) and the memo opcodes read the same.
        Python.Run(
            "import pickle, numpy as np, sys\n" +
            "pickle.dump({'chunks': ((2, 2, 2), (4,)), 'dtype': np.dtype('<f4'), 'axis': 0}, open(sys.argv[1], 'wb'), protocol=2)",
            _dir.File("info2"));
        var old = NpyStackInfo.Read(File.ReadAllBytes(_dir.File("info2")), "info2");
        Assert.Equal(new NpyDType('f', 4, false), old.DType);
    }

    [Fact]
    public void InfoThatIsNotPlainDataIsRefused()
    {
        string stack = _dir.File("evil");
        Directory.CreateDirectory(stack);
        Python.Run(
            "import pickle, os, sys\n" +
            "class Evil:\n" +
            "    def __reduce__(self):\n" +
            "        return (os.system, ('touch ' + sys.argv[2],))\n" +
            "pickle.dump({'chunks': ((2,),), 'dtype': Evil(), 'axis': 0}, open(sys.argv[1] + '/info', 'wb'))",
            stack, _dir.File("pwned"));
        var e = Assert.Throws<InvalidDataException>(() => DArray.FromNpyStack<double>(stack));
        Assert.Contains("posix.system", e.Message);
        Assert.Contains("refused", e.Message);
        Assert.False(File.Exists(_dir.File("pwned")));

        Python.Run("import pickle, sys\npickle.dump({'chunks': ((2,),), 'dtype': 'f8', 'axis': 0, 'extra': 1}, open(sys.argv[1] + '/info', 'wb'))", stack);
        Assert.Throws<InvalidDataException>(() => DArray.FromNpyStack<double>(stack));

        var missing = Assert.Throws<FileNotFoundException>(() => DArray.FromNpyStack<double>(_dir.File("nothing")));
        Assert.Contains("no such directory", missing.Message);
    }

    [Fact]
    public void AMissingOrWrongFileIsNamedWhenItsBlockIsRead()
    {
        string stack = _dir.File("broken");
        DArray.FromArray(NDArray.Wrap(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 6, 2), ChunkSpec.BlockShape(2, 2)).ToNpyStack(stack);
        File.Delete(Path.Combine(stack, "1.npy"));
        var x = DArray.FromNpyStack<double>(stack);
        using (var first = x[0..2, ..].Compute())
        {
            Assert.Equal([0.0, 1, 2, 3], first.ToArray());
        }

        var e = Assert.ThrowsAny<Exception>(() => x.Compute());
        Assert.Contains("1.npy", e.ToString());
        Assert.Throws<ArgumentException>(() => DArray.FromNpyStack<float>(stack));
    }

    [Fact]
    public void AFailedWriteLeavesNoInfo()
    {
        string stack = _dir.File("failed");
        DArray.FromArray(NDArray.Wrap(new double[] { 1, 2, 3, 4 }), ChunkSpec.BlockShape(2)).ToNpyStack(stack);
        Assert.True(File.Exists(Path.Combine(stack, "info")));
        var failing = DArray.FromFunction<double>(b => b.Index[0] == 1 ? throw new InvalidOperationException("block 1 failed") : NDArray.Zeros<double>(b.Shape), [6], ChunkSpec.BlockShape(3));
        Assert.ThrowsAny<Exception>(() => failing.ToNpyStack(stack));
        Assert.False(File.Exists(Path.Combine(stack, "info")));
        Assert.Empty(Directory.GetFiles(stack, "*.tmp"));
        var e = Assert.Throws<FileNotFoundException>(() => DArray.FromNpyStack<double>(stack));
        Assert.Contains("has no 'info' file", e.Message);
    }
}
