using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Jobqueue;

/// <summary>
/// Quotes one word for a POSIX shell. Environment variable references (<c>$TMPDIR</c>, <c>${SLURM_JOB_ID}</c>) are
/// left for the node's shell to expand, inside double quotes so that their value is neither split nor globbed;
/// everything else, including <c>$(…)</c>, backticks, <c>$1</c> or <c>$$</c>, is single-quoted and stays literal.
/// </summary>
internal static partial class ShellQuoting
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(IsPlain)) return word;
        var quoted = new StringBuilder(word.Length + 8);
        int at = 0;
        foreach (Match m in Variable().Matches(word))
        {
            AppendLiteral(quoted, word[at..m.Index]);
            quoted.Append('"').Append(m.Value).Append('"');
            at = m.Index + m.Length;
        }
        AppendLiteral(quoted, word[at..]);
        return quoted.Length == 0 ? "''" : quoted.ToString();
    }

    private static void AppendLiteral(StringBuilder quoted, string literal)
    {
        if (literal.Length == 0) return;
        if (literal.All(IsPlain))
        {
            quoted.Append(literal);
            return;
        }
        quoted.Append('\'').Append(literal.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
    }

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '@' or '%' or '+' or ',';

    [GeneratedRegex(@"\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})")]
    private static partial Regex Variable();
}
