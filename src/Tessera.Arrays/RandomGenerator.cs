using System.Globalization;
using Tessera.Arrays.Randomness;

namespace Tessera.Arrays;

/// <summary>
/// Random arrays from a seed (Dask's <c>da.random.default_rng(seed)</c>; get one with
/// <see cref="DArray.Random(ulong)"/>). Values come from a counter-based generator (Philox4x32-10):
/// each element depends only on the seed, the call's stream number and the element's index in the
/// whole array, so the same seed gives the same values whatever the chunking, the scheduler and the
/// number of workers. Each call on one generator draws a new stream (the first call is stream 0),
/// so two calls give independent arrays, and replaying the same calls on a new generator with the
/// same seed replays the same arrays. Thread-safe.
/// </summary>
public sealed class RandomGenerator
{
    private int _nextStream = -1;

    internal RandomGenerator(ulong seed)
    {
        Seed = seed;
    }

    /// <summary>Gets the seed.</summary>
    public ulong Seed { get; }

    /// <summary>Uniform doubles in [0, 1) (NumPy's <c>Generator.random</c>).</summary>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<double> Random(long[] shape, ChunkSpec? chunks = null) => Make<double>(Distribution.Uniform, 0, 1, shape, chunks, "Random");

    /// <summary>Uniform doubles in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">The lower bound (included).</param>
    /// <param name="high">The upper bound (excluded).</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<double> Uniform(double low, double high, long[] shape, ChunkSpec? chunks = null)
    {
        Check(double.IsFinite(low) && double.IsFinite(high) && high >= low, $"Uniform: low ({low}) and high ({high}) must be finite with low <= high");
        return Make<double>(Distribution.Uniform, low, high, shape, chunks, "Uniform");
    }

    /// <summary>Normal doubles with mean 0 and standard deviation 1.</summary>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<double> StandardNormal(long[] shape, ChunkSpec? chunks = null) => Normal(0, 1, shape, chunks);

    /// <summary>Normal (Gaussian) doubles.</summary>
    /// <param name="loc">The mean.</param>
    /// <param name="scale">The standard deviation (at least 0).</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<double> Normal(double loc, double scale, long[] shape, ChunkSpec? chunks = null)
    {
        Check(double.IsFinite(loc) && scale >= 0 && double.IsFinite(scale), $"Normal: loc ({loc}) must be finite and scale ({scale}) finite and >= 0");
        return Make<double>(Distribution.Normal, loc, scale, shape, chunks, "Normal");
    }

    /// <summary>Exponential doubles with mean <paramref name="scale"/>.</summary>
    /// <param name="scale">The mean, 1/λ (at least 0); NumPy's default is 1.</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<double> Exponential(double scale, long[] shape, ChunkSpec? chunks = null)
    {
        Check(scale >= 0 && double.IsFinite(scale), $"Exponential: scale ({scale}) must be finite and >= 0");
        return Make<double>(Distribution.Exponential, scale, 0, shape, chunks, "Exponential");
    }

    /// <summary>Uniform int64 integers in [<paramref name="low"/>, <paramref name="high"/>) (NumPy's <c>Generator.integers</c>), exactly uniform (rejection, no modulo bias).</summary>
    /// <param name="low">The lowest value (included).</param>
    /// <param name="high">The upper bound (excluded); must be above <paramref name="low"/>.</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<long> Integers(long low, long high, long[] shape, ChunkSpec? chunks = null)
    {
        Check(high > low && (high - low) > 0 && (high - low) <= (1L << 53), $"Integers: high ({high}) must be above low ({low}), by at most 2^53");
        return Make<long>(Distribution.Integers, low, high, shape, chunks, "Integers");
    }

    /// <summary>Poisson counts (int64) with mean <paramref name="lam"/>.</summary>
    /// <param name="lam">The expected count λ (0 &lt;= λ &lt;= 1e10).</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<long> Poisson(double lam, long[] shape, ChunkSpec? chunks = null)
    {
        Check(lam >= 0 && lam <= 1e10, $"Poisson: lam ({lam}) must be between 0 and 1e10");
        return Make<long>(Distribution.Poisson, lam, 0, shape, chunks, "Poisson");
    }

    /// <summary>Binomial counts (int64): successes in <paramref name="n"/> trials of probability <paramref name="p"/>.</summary>
    /// <param name="n">The number of trials (0 &lt;= n, and n·min(p, 1-p) &lt;= 1000: sampling is by inversion).</param>
    /// <param name="p">The success probability, in [0, 1].</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public DArray<long> Binomial(long n, double p, long[] shape, ChunkSpec? chunks = null)
    {
        Check(n >= 0 && p >= 0 && p <= 1, $"Binomial: n ({n}) must be >= 0 and p ({p}) in [0, 1]");
        Check(n * Math.Min(p, 1 - p) <= 1000, $"Binomial: n·min(p, 1-p) = {n * Math.Min(p, 1 - p)} is over 1000, which inversion sampling does not cover; use Normal(n·p, sqrt(n·p·(1-p))) as an approximation");
        return Make<long>(Distribution.Binomial, n, p, shape, chunks, "Binomial");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RandomGenerator(seed={Seed})");

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(null, $"RandomGenerator.{message}.");
        }
    }

    private DArray<T> Make<T>(Distribution kind, double a, double b, long[] shape, ChunkSpec? chunks, string operation)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shapes.Validate(shape, DTypes.ItemSize<T>(), $"RandomGenerator.{operation}");
        var normal = DArray.Normalize(chunks, shape, DTypes.ItemSize<T>(), $"RandomGenerator.{operation}");
        uint stream = (uint)Interlocked.Increment(ref _nextStream);
        return new DArray<T>(new RandomExpr<T>(new RandomSpec(Seed, stream, kind, a, b), (long[])shape.Clone(), normal));
    }
}
