using System.Diagnostics;

namespace Tessera.Jobqueue.Tests.Live;

/// <summary>User functions the SLURM workers run (shipped from this assembly).</summary>
public static class ClusterUserCode
{
    /// <summary>A facet of the reference job: <c>i</c> everywhere.</summary>
    public static NDArray<long> Facet(int i, long n) => i * NDArray.Ones<long>(n, n);

    /// <summary>Busy for about 20 ms (a CPU loop, no sleeping), then returns its argument squared.</summary>
    public static long Spin(int i)
    {
        var clock = Stopwatch.StartNew();
        long x = 0;
        while (clock.ElapsedMilliseconds < 20)
        {
            x++;
        }

        return ((long)i * i) + (x < 0 ? 1 : 0);
    }
}
