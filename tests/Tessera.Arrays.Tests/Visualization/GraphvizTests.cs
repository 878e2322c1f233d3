using System.Xml.Linq;

namespace Tessera.Arrays.Tests.Visualization;

public class GraphvizTests
{
    [Fact]
    public void FindDot_probes_path_entries()
    {
        string dir = Directory.CreateTempSubdirectory("tessera-dot").FullName;
        try
        {
            string exe = Path.Combine(dir, OperatingSystem.IsWindows() ? "dot.exe" : "dot");
            File.WriteAllText(exe, string.Empty);
            string path = string.Join(Path.PathSeparator, "/nonexistent-tessera", dir);
            Assert.Equal(exe, Graphviz.FindDot(path));
            Assert.Null(Graphviz.FindDot("/nonexistent-tessera"));
            Assert.Null(Graphviz.FindDot(string.Empty));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Renders_svg_when_dot_is_available()
    {
        string dot = DotWriter.Write([new DotNode("a", "a", [], "f"), new DotNode("b", "b", ["a"], "g")]);
        if (Graphviz.FindDot() is null)
        {
            Assert.Null(await Graphviz.RenderAsync(dot, dotPath: null));
            return;
        }

        string? svg = await Graphviz.RenderAsync(dot);
        Assert.NotNull(svg);
        XDocument doc = XDocument.Parse(svg, LoadOptions.None);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains(">f<", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_dot_reports_error()
    {
        if (Graphviz.FindDot() is null)
        {
            return;
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Graphviz.RenderAsync("digraph { ->"));
    }
}
