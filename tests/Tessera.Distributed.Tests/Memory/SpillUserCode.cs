namespace Tessera.Distributed.Tests.Memory;

/// <summary>Tasks of the spilling integration tests (shipped to workers).</summary>
public static class SpillUserCode
{
    /// <summary>Elements per block: 8 MiB of float64.</summary>
    public const int BlockLength = 1 << 20;

    /// <summary>A materialised 8 MiB block holding i, i + 1, … i + 2^20 − 1.</summary>
    public static NDArray<double> Block(int i) => NDArray.Arange<double>(i, i + BlockLength, 1);

    public static double Sum(NDArray<double> block) => block.SumAll();

    public static double Total(double[] sums) => sums.Sum();

    /// <summary>The exact total of blocks 0 … n − 1.</summary>
    public static double Expected(int n)
    {
        long perBlock = (long)BlockLength * (BlockLength - 1) / 2;
        long starts = (long)BlockLength * n * (n - 1) / 2;
        return (double)((perBlock * n) + starts);
    }

    /// <summary>Allocates and touches <paramref name="mib"/> MiB, then holds it (its worker should be terminated meanwhile).</summary>
    public static int Hog(int mib)
    {
        byte[] a = new byte[mib << 20];
        Array.Fill(a, (byte)1);
        using var never = new ManualResetEventSlim();
        never.Wait(TimeSpan.FromSeconds(60));
        return a[^1];
    }
}
