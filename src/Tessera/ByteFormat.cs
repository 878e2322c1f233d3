using System.Globalization;

namespace Tessera;

/// <summary>Human-readable byte counts, formatted exactly like Dask's <c>dask.utils.format_bytes</c>.</summary>
public static class ByteFormat
{
    private static readonly (string Prefix, int Shift)[] Units =
    [
        ("Pi", 50), ("Ti", 40), ("Gi", 30), ("Mi", 20), ("ki", 10),
    ];

    /// <summary>
    /// Formats a byte count with binary prefixes: the largest unit <c>k</c> (PiB, TiB, GiB, MiB, kiB) with
    /// <c>n &gt;= 0.9 * k</c> is used with two decimals (round-half-even, as Python), otherwise plain bytes.
    /// Examples: 8 → "8 B", 921 → "921 B", 1000 → "0.98 kiB", 134217728 → "128.00 MiB",
    /// 21474836480 → "20.00 GiB". Values ≥ 1024 PiB stay in PiB.
    /// </summary>
    /// <param name="bytes">The byte count (negative values print as plain bytes, like Dask).</param>
    public static string FormatBytes(long bytes)
    {
        foreach ((string prefix, int shift) in Units)
        {
            double k = Math.Pow(2, shift);
            if (bytes >= k * 0.9)
            {
                return Hundredths(bytes, shift) + " " + prefix + "B";
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }

    // Python computes n / k as a double (exact for a power of two once n is a double) and formats with
    // round-half-even on the exact binary value; do the same in integer arithmetic.
    private static string Hundredths(long n, int shift)
    {
        Int128 exact = n < (1L << 53) ? n : (Int128)(double)n;
        Int128 k = (Int128)1 << shift;
        Int128 scaled = exact * 100;
        Int128 q = Int128.DivRem(scaled, k).Quotient;
        Int128 r = scaled - (q * k);
        if ((2 * r > k) || (2 * r == k && (q & 1) == 1))
        {
            q++;
        }

        Int128 whole = q / 100;
        int frac = (int)(q % 100);
        return string.Create(CultureInfo.InvariantCulture, $"{whole}.{frac:00}");
    }
}
