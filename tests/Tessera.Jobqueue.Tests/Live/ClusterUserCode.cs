using System.Diagnostics;

namespace Tessera.Jobqueue.Tests.Live;

/// <summary>User functions the SLURM workers run (shipped from this assembly).</summary>
public static class ClusterUserCode
{
    /// <summary>A facet of the reference job: <c>i</c> everywhere.</summary>
    public static NDArray<long> Facet(int i, long n) => i * NDArray.Ones<long>(n, n);

    /// <summary>
    /// Leaves a uniquely named marker file beside <paramref name="path"/> (<c>PATH.GUID.run</c>: one per run, so
    /// a recomputation shows as a second file), spins for about 20 ms, then returns the number that ends the path, squared.
    /// </summary>
    public static long Mark(string path)
    {
        File.WriteAllText(path + "." + Guid.NewGuid().ToString("N") + ".run", "");
        long i = long.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture);
        return Spin(0) + (i * i);
    }

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
