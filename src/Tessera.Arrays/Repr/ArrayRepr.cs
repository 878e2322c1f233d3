using System.Globalization;
using System.Net;
using System.Text;

namespace Tessera.Arrays;

/// <summary>
/// Dask-style summaries of a chunked array: a plain-text table and an HTML table beside an SVG of the chunk grid.
/// </summary>
/// <example>
/// <code>
///             Array               Chunk
/// Bytes       20.00 GiB           2.00 GiB
/// Shape       (10, 16384, 16384)  (1, 16384, 16384)
/// Count       10 chunks in 21 graph layers
/// Tasks       31 tasks
/// Data type   int64 NDArray
/// </code>
/// </example>
internal static class ArrayRepr
{
    private const int LabelWidth = 12;
    private const int ColumnGap = 2;

    /// <summary>The rows of the table as (label, array column, chunk column or null when spanning).</summary>
    /// <param name="info">The array summary.</param>
    public static IReadOnlyList<(string Label, string Array, string? Chunk)> Rows(ArrayReprInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return
        [
            ("Bytes", ByteFormat.FormatBytes(info.ArrayBytes), ByteFormat.FormatBytes(info.ChunkBytes)),
            ("Shape", PyTuple.Format(info.Chunks.Shape), PyTuple.Format(info.Chunks.LargestBlockShape)),
            ("Count", string.Create(CultureInfo.InvariantCulture, $"{info.Chunks.BlockCount} chunks in {info.LayerCount} graph layers"), null),
            ("Tasks", string.Create(CultureInfo.InvariantCulture, $"{info.TaskCount} tasks"), null),
            ("Data type", $"{info.DTypeName} {info.ChunkTypeName}", null),
        ];
    }

    /// <summary>The text table: a header line (Array, Chunk) and one aligned line per row, no trailing spaces.</summary>
    /// <param name="info">The array summary.</param>
    public static string ToText(ArrayReprInfo info)
    {
        IReadOnlyList<(string Label, string Array, string? Chunk)> rows = Rows(info);
        int labelWidth = Math.Max(LabelWidth, rows.Max(r => r.Label.Length) + ColumnGap);
        int arrayWidth = Math.Max("Array".Length, rows.Where(r => r.Chunk is not null).Max(r => r.Array.Length)) + ColumnGap;
        var sb = new StringBuilder();
        AppendLine(sb, new string(' ', labelWidth) + "Array".PadRight(arrayWidth) + "Chunk");
        foreach ((string label, string array, string? chunk) in rows)
        {
            string line = label.PadRight(labelWidth) + (chunk is null ? array : array.PadRight(arrayWidth) + chunk);
            AppendLine(sb, line);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The HTML repr: a two-cell table holding the summary table and the chunk-grid SVG
    /// (omitted for 0-d arrays or arrays with an empty axis).
    /// </summary>
    /// <param name="info">The array summary.</param>
    /// <param name="svgSize">Rough SVG size in pixels; default 120 (Dask's notebook default).</param>
    public static string ToHtml(ArrayReprInfo info, int svgSize = ChunkSvg.DefaultSize)
    {
        IReadOnlyList<(string Label, string Array, string? Chunk)> rows = Rows(info);
        var sb = new StringBuilder();
        AppendLine(sb, "<table>");
        AppendLine(sb, "  <tr>");
        AppendLine(sb, "    <td>");
        AppendLine(sb, "      <table style=\"border-collapse: collapse;\">");
        AppendLine(sb, "        <thead><tr><td> </td><th> Array </th><th> Chunk </th></tr></thead>");
        AppendLine(sb, "        <tbody>");
        foreach ((string label, string array, string? chunk) in rows)
        {
            string cells = chunk is null
                ? $"<td colspan=\"2\"> {Enc(array)} </td>"
                : $"<td> {Enc(array)} </td><td> {Enc(chunk)} </td>";
            AppendLine(sb, $"          <tr><th> {Enc(label)} </th>{cells}</tr>");
        }

        AppendLine(sb, "        </tbody>");
        AppendLine(sb, "      </table>");
        AppendLine(sb, "    </td>");
        string? svg = ChunkSvg.Render(info.Chunks, svgSize);
        if (svg is not null)
        {
            AppendLine(sb, "    <td>");
            AppendLine(sb, svg);
            AppendLine(sb, "    </td>");
        }

        AppendLine(sb, "  </tr>");
        AppendLine(sb, "</table>");
        return sb.ToString();
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static void AppendLine(StringBuilder sb, string line) => sb.Append(line.TrimEnd()).Append('\n');
}
