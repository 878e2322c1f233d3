using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Distributed.Clusters;

/// <summary>Memory sizes as Dask writes them: "16GB" (decimal), "4GiB" (binary), "512 MB", or plain bytes.</summary>
public static partial class ByteSize
{
    /// <summary>Parses a size into bytes.</summary>
    /// <param name="text">e.g. <c>16GB</c>, <c>4 GiB</c>, <c>1e9</c>, <c>1073741824</c>.</param>
    /// <exception cref="FormatException">The text is not a size; the message shows accepted forms.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match m = SizePattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n < 0)
        {
            throw new FormatException($"'{text}' is not a memory size. Use a number with an optional unit: B, kB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. \"16GB\" or \"4GiB\".");
        }

        double unit = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1e3,
            "M" or "MB" => 1e6,
            "G" or "GB" => 1e9,
            "T" or "TB" => 1e12,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            _ => throw new FormatException($"'{text}' has an unknown unit '{m.Groups[2].Value}'. Use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB."),
        };
        return checked((long)(n * unit));
    }

    /// <summary>Total physical memory of this machine in bytes (what the GC sees).</summary>
    public static long MachineMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex SizePattern();
}
