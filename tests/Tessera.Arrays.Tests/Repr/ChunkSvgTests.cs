using System.Globalization;
using System.Xml.Linq;

namespace Tessera.Arrays.Tests.Repr;

public class ChunkSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(Chunks c, int size = 120, int? cap = null) =>
        XElement.Parse(ChunkSvg.Render(c, size, cap) ?? throw new InvalidOperationException("no svg"));

    private static int Lines(XElement svg) => svg.Elements(Svg + "line").Count();

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Two_d_grid_has_one_line_per_boundary()
    {
        XElement svg = Parse(ChunkSpec.Uniform(4096).Normalize([16384, 16384]));
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal(5 + 5, Lines(svg));
        Assert.Single(svg.Elements(Svg + "polygon"));
        Assert.Equal(["16384", "16384"], svg.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Two_d_grid_is_proportional_and_max_size()
    {
        XElement svg = Parse(new Chunks([10, 10], [10, 10, 10, 10]));
        List<XElement> lines = svg.Elements(Svg + "line").ToList();
        double maxX = lines.Max(l => Attr(l, "x2")) - 10;
        double maxY = lines.Max(l => Attr(l, "y2")) - 10;
        Assert.Equal(120, maxX, 3);
        Assert.Equal(120 / Math.Log(2 + 12.4) * Math.Log(2 + 12.4) / 2, maxY, 3); // ratio 2 < e: exact half
        Assert.Equal(3 + 5, lines.Count);
        Assert.Equal(4, lines.Count(l => l.Attribute("style") is not null)); // border lines are thick
    }

    [Fact]
    public void Three_d_cube_draws_three_faces()
    {
        // (10, 16384, 16384) in (1, 4096, 4096): 11 depth, 5 row, 5 column boundaries.
        XElement svg = Parse(ChunkSpec.BlockShape(1, 4096, 4096).Normalize([10, 16384, 16384]));
        Assert.Equal((5 + 11) + (5 + 11) + (5 + 5), Lines(svg));
        Assert.Equal(3, svg.Elements(Svg + "polygon").Count());
        Assert.Equal(3, svg.Elements(Svg + "text").Count());
    }

    [Fact]
    public void One_d_is_a_bar()
    {
        XElement svg = Parse(new Chunks([25L, 25, 25, 25]));
        Assert.Equal(2 + 5, Lines(svg));
        List<XElement> lines = svg.Elements(Svg + "line").ToList();
        double height = lines.Max(l => Attr(l, "y2")) - 10;
        Assert.True(height < 30, $"bar height {height}");
    }

    [Fact]
    public void Higher_rank_shows_last_three_axes()
    {
        XElement svg = Parse(new Chunks([1, 1], [2, 2], [3, 3], [4, 4]));
        Assert.Equal(3 * 2 * 3, Lines(svg));
        Assert.Equal(["8", "6", "4"], svg.Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Many_chunks_are_capped()
    {
        XElement svg = Parse(ChunkSpec.Uniform(1).Normalize([1000, 3]));
        Assert.Equal(20 + 4, Lines(svg));
        XElement custom = Parse(ChunkSpec.Uniform(1).Normalize([1000, 3]), cap: 100);
        Assert.Equal(100 + 4, Lines(custom));
        Assert.Contains("8B4903", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_includes_both_ends()
    {
        Assert.Equal([0, 1, 2], ChunkSvg.Pick(3, 20));
        int[] p = ChunkSvg.Pick(1001, 5);
        Assert.Equal([0, 250, 500, 750, 1000], p);
    }

    [Fact]
    public void Not_drawable_gives_null()
    {
        Assert.Null(ChunkSvg.Render(new Chunks([0L], [3L])));
        Assert.Null(ChunkSvg.Render(new Chunks()));
    }
}
