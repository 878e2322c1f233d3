using System.Xml.Linq;

namespace Tessera.Arrays.Tests.Repr;

public class ArrayReprTests
{
    private static readonly long[] JobShape = [10, 16384, 16384];

    private static ArrayReprInfo Info(long[] block, long[] shape, int layers, long tasks) =>
        new(ChunkSpec.BlockShape(block).Normalize(shape), "int64", 8, layers, tasks);

    private static string[] Cells(string line) =>
        line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Row(string text, string label) =>
        text.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));

    [Fact]
    public void Reference_job_source_array()
    {
        string text = ArrayRepr.ToText(Info([1, 16384, 16384], JobShape, 1, 10));
        Assert.Equal(["Bytes", "20.00 GiB", "2.00 GiB"], Cells(Row(text, "Bytes")));
        Assert.Equal(["Shape", "(10, 16384, 16384)", "(1, 16384, 16384)"], Cells(Row(text, "Shape")));
        Assert.Contains("10 chunks in 1 graph layers", text, StringComparison.Ordinal);
        Assert.Equal(["Data type", "int64 NDArray"], Cells(Row(text, "Data type")));
        Assert.Equal(["Array", "Chunk"], Cells(text.Split('\n')[0]));
    }

    [Fact]
    public void Reference_job_after_rechunk()
    {
        string text = ArrayRepr.ToText(Info([1, 4096, 4096], JobShape, 2, 170));
        Assert.Equal(["Bytes", "20.00 GiB", "128.00 MiB"], Cells(Row(text, "Bytes")));
        Assert.Equal(["Shape", "(10, 16384, 16384)", "(1, 4096, 4096)"], Cells(Row(text, "Shape")));
        Assert.Equal(["Count", "160 chunks in 2 graph layers"], Cells(Row(text, "Count")));
        Assert.Equal(["Tasks", "170 tasks"], Cells(Row(text, "Tasks")));
    }

    [Fact]
    public void Reference_job_sum_over_axis_0()
    {
        string text = ArrayRepr.ToText(Info([4096, 4096], [16384, 16384], 3, 186));
        Assert.Equal(["Bytes", "2.00 GiB", "128.00 MiB"], Cells(Row(text, "Bytes")));
        Assert.Equal(["Shape", "(16384, 16384)", "(4096, 4096)"], Cells(Row(text, "Shape")));
        Assert.Contains("16 chunks in 3 graph layers", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_columns_are_aligned()
    {
        string[] lines = ArrayRepr.ToText(Info([1, 16384, 16384], JobShape, 21, 31)).TrimEnd('\n').Split('\n');
        int arrayCol = lines[0].IndexOf("Array", StringComparison.Ordinal);
        int chunkCol = lines[0].IndexOf("Chunk", StringComparison.Ordinal);
        Assert.Equal(arrayCol, lines[1].IndexOf("20.00 GiB", StringComparison.Ordinal));
        Assert.Equal(chunkCol, lines[1].IndexOf("2.00 GiB", StringComparison.Ordinal));
        Assert.Equal(chunkCol, lines[2].IndexOf("(1, 16384, 16384)", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
        Assert.Equal(
            """
                        Array               Chunk
            Bytes       20.00 GiB           2.00 GiB
            Shape       (10, 16384, 16384)  (1, 16384, 16384)
            Count       10 chunks in 21 graph layers
            Tasks       31 tasks
            Data type   int64 NDArray

            """.ReplaceLineEndings("\n"),
            ArrayRepr.ToText(Info([1, 16384, 16384], JobShape, 21, 31)));
    }

    [Fact]
    public void One_d_shape_is_a_python_one_tuple()
    {
        string text = ArrayRepr.ToText(new ArrayReprInfo(new Chunks([5L]), "float32", 4, 1, 1));
        Assert.Equal(["Shape", "(5,)", "(5,)"], Cells(Row(text, "Shape")));
        Assert.Equal(["Bytes", "20 B", "20 B"], Cells(Row(text, "Bytes")));
    }

    [Fact]
    public void Html_has_table_and_wellformed_svg()
    {
        string html = ArrayRepr.ToHtml(Info([1, 4096, 4096], JobShape, 2, 170));
        XElement root = XElement.Parse(html);
        Assert.Equal("table", root.Name.LocalName);
        var cells = root.Descendants("td").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("20.00 GiB", cells);
        Assert.Contains("128.00 MiB", cells);
        Assert.Contains("(1, 4096, 4096)", cells);
        Assert.Contains("160 chunks in 2 graph layers", cells);
        Assert.Single(root.Descendants(), e => e.Name.LocalName == "svg");
    }

    [Fact]
    public void Html_escapes_and_omits_svg_for_empty_arrays()
    {
        string html = ArrayRepr.ToHtml(new ArrayReprInfo(new Chunks([0L]), "<u1>", 1, 1, 1));
        Assert.Contains("&lt;u1&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }
}
