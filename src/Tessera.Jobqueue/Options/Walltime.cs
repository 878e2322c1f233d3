using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>Reads and writes job walltimes in SLURM's forms.</summary>
internal static partial class Walltime
{
    public const string AcceptedForms = "\"MM\", \"MM:SS\", \"HH:MM:SS\", \"D-HH\", \"D-HH:MM\" or \"D-HH:MM:SS\" (minutes, seconds, hours, days; e.g. \"01:00:00\", \"30\", \"2-00:00:00\")";

    /// <summary>Reads a walltime; throws naming the value and the accepted forms.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"Walltime \"{text}\" is not understood: use {AcceptedForms}, longer than zero.");

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["d"].Success)
        {
            value = new TimeSpan(Part("d"), Part("dh"), Part("dm"), Part("ds"));
        }
        else
        {
            // one part is minutes, two are minutes:seconds, three are hours:minutes:seconds (as in sbatch -t)
            string[] parts = text.Trim().Split(':');
            int[] n = Array.ConvertAll(parts, p => int.Parse(p, CultureInfo.InvariantCulture));
            if (n.Skip(1).Any(x => x > 59)) return false;
            value = n.Length switch
            {
                1 => TimeSpan.FromMinutes(n[0]),
                2 => new TimeSpan(0, n[0], n[1]),
                _ => new TimeSpan(n[0], n[1], n[2]),
            };
        }
        if (value <= TimeSpan.Zero) return false;
        if (match.Groups["d"].Success && (Part("dh") > 23 || Part("dm") > 59 || Part("ds") > 59)) return false;
        return true;
    }

    /// <summary>SLURM's form: HH:MM:SS, or D-HH:MM:SS from one day on.</summary>
    public static string FormatSlurm(TimeSpan value) =>
        value.Days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Days}-{value.Hours:00}:{value.Minutes:00}:{value.Seconds:00}")
            : FormatHours(value);

    /// <summary>PBS's and SGE's form: total hours, HH:MM:SS.</summary>
    public static string FormatHours(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours:00}:{value.Minutes:00}:{value.Seconds:00}");

    [GeneratedRegex(@"^(?:(?<d>[0-9]+)-(?<dh>[0-9]{1,2})(?::(?<dm>[0-9]{1,2})(?::(?<ds>[0-9]{1,2}))?)?|[0-9]+(?::[0-9]{1,2}){0,2})$")]
    private static partial Regex Pattern();
}
