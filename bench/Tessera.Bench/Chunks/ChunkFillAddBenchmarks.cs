using BenchmarkDotNet.Attributes;

namespace Tessera.Bench.Chunks;

/// <summary>Fill two 4096×4096 int64 chunks and add them: NDArray kernels vs a hand-written loop over long[].</summary>
[MemoryDiagnoser]
public class ChunkFillAddBenchmarks
{
    private const int N = 4096;
    private long[] _a = [];
    private long[] _b = [];
    private long[] _c = [];
    private NDArray<long> _x = null!;
    private NDArray<long> _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        _a = new long[N * N];
        _b = new long[N * N];
        _c = new long[N * N];
        _x = NDArray.Empty<long>(N, N);
        _y = NDArray.Empty<long>(N, N);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Loop()
    {
        var a = _a;
        var b = _b;
        var c = _c;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = 1;
        }

        for (var i = 0; i < b.Length; i++)
        {
            b[i] = 2;
        }

        for (var i = 0; i < c.Length; i++)
        {
            c[i] = a[i] + b[i];
        }

        return c[^1];
    }

    [Benchmark]
    public long NDArrayAdd()
    {
        _x.Fill(1);
        _y.Fill(2);
        using var z = _x + _y;
        return z[N - 1, N - 1];
    }

    [Benchmark]
    public long NDArrayAddInPlace()
    {
        _x.Fill(1);
        _y.Fill(2);
        _x.AddInPlace(_y);
        return _x[N - 1, N - 1];
    }
}
