namespace Tessera.Jobqueue;

/// <summary>Quotes one word for a POSIX shell, leaving <c>$VARIABLES</c> for the node's shell to expand.</summary>
internal static class ShellQuoting
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(IsPlain)) return word;
        if (word.Contains('$', StringComparison.Ordinal))
        {
            // double quotes: $TMPDIR expands on the node; only ", \ and ` need escaping
            return "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "\"";
        }
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '@' or '%' or '+' or ',';
}
