using System.Globalization;
using System.Text;

namespace Tessera.Arrays;

/// <summary>Formats integer sequences exactly like Python's <c>repr(tuple)</c>: <c>()</c>, <c>(5,)</c>, <c>(1, 2)</c>.</summary>
internal static class PyTuple
{
    /// <summary>Formats <paramref name="values"/> as a Python tuple literal.</summary>
    /// <param name="values">The items, in order.</param>
    public static string Format(IEnumerable<long> values)
    {
        var sb = new StringBuilder("(");
        int n = 0;
        foreach (long v in values)
        {
            if (n++ > 0)
            {
                sb.Append(", ");
            }

            sb.Append(v.ToString(CultureInfo.InvariantCulture));
        }

        if (n == 1)
        {
            sb.Append(',');
        }

        return sb.Append(')').ToString();
    }
}
