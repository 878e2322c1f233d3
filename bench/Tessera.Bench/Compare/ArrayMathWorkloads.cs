using System.Globalization;
using Tessera.Arrays;

namespace Tessera.Bench.Compare;

/// <summary>
/// The array-math workloads of issue 15 (bench/compare/dask_array_math.py runs the same in Dask): random
/// normals on an n × n float64 array in c × c chunks, then a mean, a std along axis 0, a count of the
/// positives, and a sum of a where. Each returns a short description of its result, checked loosely.
/// </summary>
public static class ArrayMathWorkloads
{
    /// <summary>The workload names, as run.py passes them.</summary>
    public static readonly string[] Names = ["math-normal-mean", "math-std-axis0", "math-count-positive", "math-where-sum"];

    public static async Task<string> RunAsync(string workload, long n, long chunk)
    {
        var x = DArray.Random(42).Normal(0, 1, [n, n], chunk);
        switch (workload)
        {
            case "math-normal-mean":
                {
                    double mean = (await x.Mean().ComputeAsync()).ToScalar();
                    Check(Math.Abs(mean) < 10 / (double)n, workload, mean);
                    return mean.ToString("R", CultureInfo.InvariantCulture);
                }

            case "math-std-axis0":
                {
                    using var std = await x.Std(axis: 0).ComputeAsync();
                    double first = std[0];
                    Check(n < 64 || Math.Abs(first - 1) < 0.5, workload, first);
                    return $"{std.Size} values, first {first.ToString("R", CultureInfo.InvariantCulture)}";
                }

            case "math-count-positive":
                {
                    long count = (await (x > 0).Sum().ComputeAsync()).ToScalar();
                    Check(Math.Abs(count - (n * n / 2.0)) < 10 * n, workload, count);
                    return count.ToString(CultureInfo.InvariantCulture);
                }

            case "math-where-sum":
                {
                    double sum = (await DArray.Where(x > 0, x, 0.0).Sum().ComputeAsync()).ToScalar();
                    double expected = n * n / Math.Sqrt(2 * Math.PI);
                    Check(Math.Abs(sum - expected) < 10 * n, workload, sum);
                    return sum.ToString("R", CultureInfo.InvariantCulture);
                }

            default:
                throw new ArgumentException($"unknown workload '{workload}'; expected one of {string.Join(", ", Names)}");
        }
    }

    private static void Check(bool ok, string workload, double value)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"{workload}: implausible result {value}");
        }
    }
}
