namespace Tessera.Arrays.Randomness;

/// <summary>
/// Discrete samplers over the per-element draw sequence (<see cref="RandomKernels.Draw"/>): Poisson by
/// multiplication of uniforms below λ = 10 and Hörmann's PTRS transformed rejection above (as NumPy);
/// binomial by inversion (sequential search) on the smaller of p and 1 - p.
/// </summary>
internal static class Samplers
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static long Poisson(double lam, long i, uint stream, uint k0, uint k1)
    {
        if (lam == 0)
        {
            return 0;
        }

        uint draw = 0;
        if (lam < 10)
        {
            double limit = Math.Exp(-lam);
            double product = 1.0;
            long k = -1;
            do
            {
                k++;
                product *= RandomKernels.Draw(i, draw++, stream, k0, k1);
            }
            while (product > limit);

            return k;
        }

        double slam = Math.Sqrt(lam), loglam = Math.Log(lam);
        double b = 0.931 + (2.53 * slam);
        double a = -0.059 + (0.02483 * b);
        double invalpha = 1.1239 + (1.1328 / (b - 3.4));
        double vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            double u = RandomKernels.Draw(i, draw++, stream, k0, k1) - 0.5;
            double v = RandomKernels.Draw(i, draw++, stream, k0, k1);
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((((2 * a / us) + b) * u) + lam + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invalpha) - Math.Log((a / (us * us)) + b) <= -lam + (k * loglam) - LogGamma(k + 1))
            {
                return k;
            }
        }
    }

    public static long Binomial(long n, double p, long i, uint stream, uint k0, uint k1)
    {
        if (n == 0 || p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return n;
        }

        bool flip = p > 0.5;
        double pp = flip ? 1 - p : p;
        double q = 1 - pp;
        double s = pp / q;
        double a = (n + 1) * s;
        double start = Math.Exp(n * Math.Log(q));
        for (uint draw = 0; ; draw++)
        {
            double u = RandomKernels.Draw(i, draw, stream, k0, k1);
            double r = start;
            long x = 0;
            while (u > r && x <= n)
            {
                u -= r;
                x++;
                r *= (a / x) - s;
            }

            if (x <= n)
            {
                return flip ? n - x : x;
            }
        }
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7: about 15 significant digits).</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        double sum = Lanczos[0];
        double t = x + 7.5;
        for (int k = 1; k < Lanczos.Length; k++)
        {
            sum += Lanczos[k] / (x + k);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
