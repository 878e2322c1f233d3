using System.Globalization;

namespace Tessera.Distributed;

/// <summary>Human-readable sizes as Dask prints them (binary units, two decimals).</summary>
internal static class Formatting
{
    public static string Bytes(long n)
    {
        string[] units = ["B", "kiB", "MiB", "GiB", "TiB", "PiB"];
        double v = n;
        int u = 0;
        while (Math.Abs(v) >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? n.ToString(CultureInfo.InvariantCulture) + " B" : v.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[u];
    }
}
