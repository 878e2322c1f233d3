using System.Globalization;
using System.Text;

namespace Tessera.Distributed.Protocol;

/// <summary>Keys on the wire: the name, then each block index after U+001F (never in a token name).</summary>
internal static class KeyCodec
{
    private const char Separator = '\u001f';

    public static string ToWire(Key key)
    {
        if (key.Rank == 0)
        {
            return key.Name;
        }

        var sb = new StringBuilder(key.Name.Length + (key.Rank * 4));
        sb.Append(key.Name);
        foreach (int i in key.Index)
        {
            sb.Append(Separator).Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static Key FromWire(string wire)
    {
        ArgumentException.ThrowIfNullOrEmpty(wire);
        int first = wire.IndexOf(Separator, StringComparison.Ordinal);
        if (first < 0)
        {
            return new Key(wire);
        }

        string[] parts = wire[(first + 1)..].Split(Separator);
        var index = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            index[i] = int.Parse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return new Key(wire[..first], index);
    }

    /// <summary>A readable form for messages and the dashboard, e.g. <c>('sum-3f2a', 0, 1)</c>.</summary>
    public static string Display(string wire) => FromWire(wire).ToString();

    /// <summary>The task prefix Dask groups by: the name before its token (<c>sum-3f2a…-partial</c> → <c>sum</c>).</summary>
    public static string Prefix(string wire)
    {
        int end = wire.IndexOf(Separator, StringComparison.Ordinal);
        string name = end < 0 ? wire : wire[..end];
        string[] parts = name.Split('-');
        int keep = 1;

        // Words after the first stay only while they are words (letters, not an 8-letter hex token).
        while (keep < parts.Length && parts[keep].Length > 0 && parts[keep].All(char.IsAsciiLetter) && !IsToken(parts[keep]))
        {
            keep++;
        }

        return string.Join('-', parts, 0, keep);
    }

    private static bool IsToken(string part) => part.Length >= 8 && part.All(char.IsAsciiHexDigit);
}
