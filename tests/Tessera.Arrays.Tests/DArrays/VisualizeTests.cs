using System.Xml.Linq;

namespace Tessera.Arrays.Tests.DArrays;

public class VisualizeTests
{
    [Fact]
    public void Visualize_writes_the_task_graph_as_dot()
    {
        var x = DArray.Ones<long>([8, 8], 4).Sum(axis: 0);
        string path = Path.Combine(Path.GetTempPath(), $"tessera-{Guid.NewGuid():N}.dot");
        try
        {
            Assert.Equal(path, x.Visualize(path));
            string dot = File.ReadAllText(path);
            Assert.StartsWith("digraph", dot.TrimStart(), StringComparison.Ordinal);
            Assert.Contains("full-", dot, StringComparison.Ordinal);
            Assert.Contains("sum-", dot, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Visualize_renders_svg_when_graphviz_is_installed()
    {
        var x = DArray.Ones<long>([8, 8], 4) + 1;
        string path = Path.Combine(Path.GetTempPath(), $"tessera-{Guid.NewGuid():N}.svg");
        string written = x.Visualize(path);
        try
        {
            if (Graphviz.FindDot() is null)
            {
                Assert.EndsWith(".dot", written, StringComparison.Ordinal);
                return;
            }

            Assert.Equal(path, written);
            var svg = XDocument.Load(written);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
        }
        finally
        {
            File.Delete(written);
        }
    }
}
