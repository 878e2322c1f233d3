using BenchmarkDotNet.Attributes;
using Tessera.IO.Codecs;

namespace Tessera.Bench.Codecs;

/// <summary>Blosc byte and bit shuffle and unshuffle of a 4 MiB buffer: the scalar loop against the 128-bit and best (AVX2) vector kernels.</summary>
public class ShuffleBenchmarks
{
    private const int Bytes = 4 << 20;
    private byte[] _src = [];
    private byte[] _dest = [];

    /// <summary>Element size in bytes (8: float64/int64, 4: float32/int32).</summary>
    [Params(8, 4)]
    public int Typesize { get; set; }

    /// <summary>The implementation measured: a name of <see cref="ShuffleKernel"/> (Scalar, Vector128Only, Best).</summary>
    [Params("Scalar", "Vector128Only", "Best")]
    public string Kernel { get; set; } = "Best";

    private ShuffleKernel _kernel;

    [GlobalSetup]
    public void Setup()
    {
        _src = new byte[Bytes];
        _dest = new byte[Bytes];
        new Random(7).NextBytes(_src);
        _kernel = Enum.Parse<ShuffleKernel>(Kernel);
    }

    [Benchmark]
    public byte Shuffle()
    {
        BloscShuffle.Shuffle(Typesize, _src, _dest, _kernel);
        return _dest[^1];
    }

    [Benchmark]
    public byte Unshuffle()
    {
        BloscShuffle.Unshuffle(Typesize, _src, _dest, _kernel);
        return _dest[^1];
    }

    [Benchmark]
    public byte BitShuffle()
    {
        BloscShuffle.BitShuffle(Typesize, _src, _dest, _kernel);
        return _dest[^1];
    }

    [Benchmark]
    public byte BitUnshuffle()
    {
        BloscShuffle.BitUnshuffle(Typesize, _src, _dest, _kernel);
        return _dest[^1];
    }
}
