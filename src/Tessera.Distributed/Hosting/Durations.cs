using System.Globalization;

namespace Tessera.Distributed.Hosting;

/// <summary>Durations as users write them: <c>90s</c>, <c>55m</c>, <c>2h</c>, <c>01:00:00</c>, or plain seconds.</summary>
public static class Durations
{
    /// <summary>Parses a duration.</summary>
    /// <param name="text">e.g. <c>60s</c>, <c>55m</c>, <c>1h</c>, <c>01:00:00</c>, <c>45</c>.</param>
    /// <exception cref="FormatException">Not a duration; the message shows accepted forms.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out TimeSpan span))
        {
            return span;
        }

        double factor = t.Length == 0 ? 0 : char.ToLowerInvariant(t[^1]) switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => 0,
        };
        string number = factor == 0 ? t : t[..^1];
        if (factor == 0)
        {
            factor = 1;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n < 0)
        {
            throw new FormatException($"'{text}' is not a duration. Use seconds (45 or 45s), minutes (55m), hours (2h) or hh:mm:ss (01:00:00).");
        }

        return TimeSpan.FromSeconds(n * factor);
    }
}
