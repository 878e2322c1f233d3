using BenchmarkDotNet.Attributes;

namespace Tessera.Bench.Chunks;

/// <summary>
/// Allocate and fill ten 2 GiB int64 chunks one after another: pooled native NDArrays (each disposed before the
/// next, so the pool hands back the same huge-page-aligned buffer) vs a fresh <c>new long[]</c> each time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ChunkPoolBenchmarks
{
    private const long Elements = 1L << 28; // 2 GiB of int64
    private const int Chunks = 10;

    [Benchmark(Baseline = true)]
    public long ManagedArrays()
    {
        long total = 0;
        for (var i = 0; i < Chunks; i++)
        {
            var a = new long[Elements];
            Array.Fill(a, i);
            total += a[^1];
        }

        return total;
    }

    [Benchmark]
    public long PooledChunks()
    {
        long total = 0;
        for (var i = 0; i < Chunks; i++)
        {
            using var a = NDArray.Empty<long>(Elements);
            a.Fill(i);
            total += a[Elements - 1];
        }

        return total;
    }
}
