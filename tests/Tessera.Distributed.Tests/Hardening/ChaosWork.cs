namespace Tessera.Distributed.Tests.Hardening;

/// <summary>Task functions of the chaos test: each leaf does a few milliseconds of arithmetic, so kills land mid-computation.</summary>
public static class ChaosWork
{
    public static long Leaf(int i)
    {
        long s = 0;
        for (int k = 0; k < 3_000_000; k++)
        {
            s += k % 7;
        }

        return i + (s < 0 ? 1 : 0);
    }

    public static long Add(long a, long b) => a + b;

    public static NDArray<long> Facet(int i, long n) => i * NDArray.Ones<long>(n, n);
}
