using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Distributed.Clusters;

/// <summary>Memory sizes as Dask writes them: "16GB" (powers of 1000), "4GiB" (powers of 1024), "512 MB", or plain bytes.</summary>
public static partial class ByteSize
{
    /// <summary>The forms <see cref="Parse"/> accepts, for error messages.</summary>
    public const string AcceptedForms = "a positive number with an optional unit: B, kB, MB, GB, TB, PB (powers of 1000; K, M, G, T, P mean the same) or KiB, MiB, GiB, TiB, PiB (powers of 1024), e.g. \"16GB\", \"1.5 GiB\", \"512MiB\"";

    private static readonly (string Unit, long Factor)[] Units =
    [
        ("b", 1), ("", 1),
        ("k", 1000L), ("kb", 1000L), ("m", 1000L * 1000), ("mb", 1000L * 1000),
        ("g", 1000L * 1000 * 1000), ("gb", 1000L * 1000 * 1000),
        ("t", 1000L * 1000 * 1000 * 1000), ("tb", 1000L * 1000 * 1000 * 1000),
        ("p", 1000L * 1000 * 1000 * 1000 * 1000), ("pb", 1000L * 1000 * 1000 * 1000 * 1000),
        ("ki", 1L << 10), ("kib", 1L << 10), ("mi", 1L << 20), ("mib", 1L << 20),
        ("gi", 1L << 30), ("gib", 1L << 30), ("ti", 1L << 40), ("tib", 1L << 40),
        ("pi", 1L << 50), ("pib", 1L << 50),
    ];

    /// <summary>Total physical memory of this machine in bytes (what the GC sees).</summary>
    public static long MachineMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Parses a size into bytes.</summary>
    /// <param name="text">e.g. <c>16GB</c>, <c>4 GiB</c>, <c>1073741824</c>.</param>
    /// <exception cref="FormatException">The text is not a size; the message shows the accepted forms.</exception>
    public static long Parse(string text) =>
        TryParse(text, out long bytes) ? bytes : throw new FormatException($"Memory \"{text}\" is not understood: use {AcceptedForms}.");

    /// <summary>Parses a size into bytes (rounded to a whole byte); false when the text is not a size.</summary>
    /// <param name="text">The size.</param>
    /// <param name="bytes">The bytes, when it parses.</param>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        Match match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }

        string unit = match.Groups["u"].Value.ToLowerInvariant();
        foreach ((string name, long factor) in Units)
        {
            if (name == unit)
            {
                double value = Math.Round(number * factor);
                if (value > long.MaxValue / 2)
                {
                    return false;
                }

                bytes = (long)value;
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(\.[0-9]*)?|\.[0-9]+)\s*(?<u>[a-zA-Z]*)\s*$")]
    private static partial Regex Pattern();
}
