using System.Globalization;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>
/// Compares a Tessera result with NumPy's: same shape, same dtype (except where docs/decisions.md
/// says Tessera answers in float64: mean, var, std, nanmean of float32), integers and bools exactly,
/// floats within a tolerance tied to the dtype and the operation (NaN only where NumPy has NaN).
/// </summary>
internal static class ResultComparer
{
    private static readonly HashSet<string> Float64Always = ["mean", "var", "std", "nanmean"];

    /// <summary>Null when they agree, else what differs.</summary>
    public static string? Compare(string op, object tessera, object numpy)
    {
        var (tType, tShape, tValues) = Flatten(tessera);
        var (nType, nShape, nValues) = Flatten(numpy);
        if (!tShape.SequenceEqual(nShape))
        {
            return $"shape {Shapes.Format(tShape)} but NumPy gives {Shapes.Format(nShape)}";
        }

        bool widened = Float64Always.Contains(op) && tType == "float64" && nType is "float32" or "float16";
        if (tType != nType && !widened)
        {
            return $"dtype {tType} but NumPy gives {nType}";
        }

        bool isFloat = nType is "float64" or "float32" or "float16";
        double rtol = nType == "float64" ? 1e-9 : 2e-4;
        double scale = 1;
        foreach (var v in nValues)
        {
            if (double.IsFinite(v))
            {
                scale = Math.Max(scale, Math.Abs(v));
            }
        }

        for (int i = 0; i < nValues.Length; i++)
        {
            double a = tValues[i], b = nValues[i];
            bool same = isFloat
                ? (double.IsNaN(a) && double.IsNaN(b)) || a == b || Math.Abs(a - b) <= rtol * Math.Max(Math.Abs(b), scale * (IsReduction(op) ? 16 : 1e-3))
                : a.Equals(b);
            if (!same)
            {
                return string.Create(CultureInfo.InvariantCulture, $"element {i} (flat): Tessera {a:R}, NumPy {b:R} (dtype {nType}, rtol {rtol})");
            }
        }

        return null;
    }

    private static bool IsReduction(string op) =>
        op is "sum" or "prod" or "mean" or "var" or "std" or "nansum" or "nanmean" or "cumsum" or "cumprod";

    /// <summary>dtype, shape and values as doubles (64-bit integers exactly through their bits when large).</summary>
    private static (string DType, long[] Shape, double[] Values) Flatten(object array) => array switch
    {
        NDArray<double> a => ("float64", a.Shape.ToArray(), Values(a, v => v)),
        NDArray<float> a => ("float32", a.Shape.ToArray(), Values(a, v => (double)v)),
        NDArray<long> a => ("int64", a.Shape.ToArray(), Values(a, v => BitConverter.Int64BitsToDouble(v))),
        NDArray<ulong> a => ("uint64", a.Shape.ToArray(), Values(a, v => BitConverter.Int64BitsToDouble((long)v))),
        NDArray<int> a => ("int32", a.Shape.ToArray(), Values(a, v => (double)v)),
        NDArray<byte> a => ("uint8", a.Shape.ToArray(), Values(a, v => (double)v)),
        NDArray<bool> a => ("bool", a.Shape.ToArray(), Values(a, v => v ? 1.0 : 0.0)),
        _ => throw new ArgumentException($"unexpected result type {array.GetType().Name}"),
    };

    private static double[] Values<T>(NDArray<T> a, Func<T, double> f)
        where T : unmanaged
    {
        using var copy = a.Copy();
        return copy.Size == 0 ? [] : [.. copy.AsSpan().ToArray().Select(f)];
    }
}
