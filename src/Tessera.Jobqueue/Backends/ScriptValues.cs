namespace Tessera.Jobqueue;

/// <summary>
/// Checks option values before they are written into a job script: a newline or another control character in a
/// directive would start a line of its own (an arbitrary command in the script), and a blank in a single-word
/// directive would be read by the batch system as a second argument.
/// </summary>
internal static class ScriptValues
{
    /// <summary>A value written as one word of a directive (queue, account, job name): no blank, no control character.</summary>
    public static void Word(string? value, string option)
    {
        if (value is null) return;
        if (value.Length == 0 || value.Any(static c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"{option} {Show(value)} cannot go into a job script: it must be one non-empty word without blanks or control characters (newlines, tabs).", option);
    }

    /// <summary>A value written on one line of the script (a directive, a path, an argument): no control character.</summary>
    public static void Line(string? value, string option)
    {
        if (value is null) return;
        if (value.Any(char.IsControl))
            throw new ArgumentException($"{option} {Show(value)} cannot go into a job script: it contains a control character (a newline would start a line of its own).", option);
    }

    /// <summary>Each of <paramref name="values"/> as <see cref="Line"/>.</summary>
    public static void Lines(IEnumerable<string> values, string option)
    {
        foreach (string value in values) Line(value, option);
    }

    private static string Show(string value) =>
        "'" + string.Concat(value.Take(80).Select(static c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + (value.Length > 80 ? "…'" : "'");
}
