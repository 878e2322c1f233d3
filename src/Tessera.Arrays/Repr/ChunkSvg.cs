using System.Globalization;
using System.Text;

namespace Tessera.Arrays;

/// <summary>
/// SVG drawings of a chunk grid: 1-d as a thin bar, 2-d as a grid of rectangles, 3-d as a cube in oblique
/// projection with chunk lines on its three visible faces; higher ranks show their last three axes.
/// Pixel lengths grow with the axis length, with large ratios compressed logarithmically (ratios up to e
/// are exact, then <c>ln(r + 12.4)</c>, capped at r = 100), so the longest axis is <c>size</c> pixels.
/// </summary>
internal static class ChunkSvg
{
    /// <summary>Default rough drawing size in pixels: 120 (Dask's notebook default).</summary>
    public const int DefaultSize = 120;

    private const double Margin = 10;
    private const double LabelRoom = 50;
    private static readonly double Oblique = Math.Sqrt(0.5);

    /// <summary>
    /// Renders <paramref name="chunks"/> as an SVG document, or null for 0-d arrays and arrays with an empty axis.
    /// </summary>
    /// <param name="chunks">The chunking to draw.</param>
    /// <param name="size">Length in pixels of the longest axis; default 120.</param>
    /// <param name="maxLinesPerAxis">Most chunk lines drawn per axis and face (evenly spaced subset, always
    /// including both ends); default <c>size / 6</c> (20 at the default size, as Dask).</param>
    public static string? Render(Chunks chunks, int size = DefaultSize, int? maxLinesPerAxis = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        long[] shape = chunks.Shape;
        if (chunks.Rank == 0 || shape.Any(s => s == 0))
        {
            return null;
        }

        int cap = Math.Max(2, maxLinesPerAxis ?? size / 6);
        int first = Math.Max(0, chunks.Rank - 3);
        var axes = Enumerable.Range(first, chunks.Rank - first).Select(d => chunks[d]).ToList();
        bool oneD = axes.Count == 1;
        if (oneD)
        {
            axes.Insert(0, [1L]);
        }

        long[] drawnShape = axes.Select(a => a.Sum()).ToArray();
        double[] px = DrawSizes(drawnShape, size);
        double[][] points = axes.Select((a, d) => Boundaries(a, px[d])).ToArray();
        bool many = axes.Any(a => a.Count + 1 >= cap);
        var body = new SvgBody(many ? "8B4903" : "ECB172");
        double width, height;
        if (axes.Count == 2)
        {
            (width, height) = Grid2D(body, points[0], points[1], cap);
            body.Text(Margin + (width / 2), Margin + height + 20, drawnShape[1], 0);
            if (!oneD)
            {
                body.Text(Margin + width + 20, Margin + (height / 2), drawnShape[0], drawnShape[0] >= 100 ? -90 : 0);
            }
        }
        else
        {
            (width, height) = Cube(body, points[0], points[1], points[2], cap);
            double depth = px[0] * Oblique;
            body.Text(Margin + depth + (px[2] / 2), Margin + height + 20, drawnShape[2], 0);
            body.Text(Margin + width + 20, Margin + depth + (px[1] / 2), drawnShape[1], -90);
            body.Text(Margin + (depth / 2) - 10, Margin + px[1] + (depth / 2) + 20, drawnShape[0], 45);
        }

        return body.Document(width + Margin + LabelRoom, height + Margin + LabelRoom);
    }

    /// <summary>Pixel length per axis for the given shape (see the class remarks).</summary>
    /// <param name="shape">Axis lengths.</param>
    /// <param name="size">Length of the longest axis in pixels.</param>
    public static double[] DrawSizes(IReadOnlyList<long> shape, int size)
    {
        double max = shape.Max();
        return shape.Select(s => size / RatioResponse(max / Math.Max(0.1, s))).ToArray();
    }

    /// <summary>Chooses at most <paramref name="cap"/> evenly spaced indices of <c>0..n-1</c>, always both ends.</summary>
    /// <param name="n">Number of candidates.</param>
    /// <param name="cap">Most indices to return (&gt;= 2).</param>
    public static int[] Pick(int n, int cap) =>
        n <= cap
            ? Enumerable.Range(0, n).ToArray()
            : Enumerable.Range(0, cap).Select(i => (int)((long)i * (n - 1) / (cap - 1))).ToArray();

    private static double RatioResponse(double r) =>
        r < Math.E ? r : r <= 100 ? Math.Log(r + 12.4) : Math.Log(100 + 12.4);

    private static double[] Boundaries(IReadOnlyList<long> sizes, double pixels)
    {
        double total = sizes.Sum();
        var result = new double[sizes.Count + 1];
        long acc = 0;
        for (int i = 0; i < sizes.Count; i++)
        {
            acc += sizes[i];
            result[i + 1] = acc * pixels / total;
        }

        return result;
    }

    private static (double Width, double Height) Grid2D(SvgBody body, double[] ys, double[] xs, int cap)
    {
        double w = xs[^1], h = ys[^1];
        body.Comment("Horizontal lines");
        body.Lines(ys, cap, y => (0, y, w, y));
        body.Comment("Vertical lines");
        body.Lines(xs, cap, x => (x, 0, x, h));
        body.Polygon((0, 0), (w, 0), (w, h), (0, h));
        return (w, h);
    }

    private static (double Width, double Height) Cube(SvgBody body, double[] ts, double[] ys, double[] xs, int cap)
    {
        double w = xs[^1], h = ys[^1], d = ts[^1] * Oblique;
        double[] ds = ts.Select(t => t * Oblique).ToArray();
        body.Comment("Top face");
        body.Lines(xs, cap, x => (x, 0, x + d, d));
        body.Lines(ds, cap, t => (t, t, w + t, t));
        body.Polygon((0, 0), (w, 0), (w + d, d), (d, d));
        body.Comment("Left face");
        body.Lines(ys, cap, y => (0, y, d, y + d));
        body.Lines(ds, cap, t => (t, t, t, h + t));
        body.Polygon((0, 0), (d, d), (d, h + d), (0, h));
        body.Comment("Front face");
        body.Lines(ys, cap, y => (d, y + d, w + d, y + d));
        body.Lines(xs, cap, x => (x + d, d, x + d, h + d));
        body.Polygon((d, d), (w + d, d), (w + d, h + d), (d, h + d));
        return (w + d, h + d);
    }

    private sealed class SvgBody(string color)
    {
        private readonly StringBuilder _sb = new();

        public void Comment(string text) => _sb.Append("\n  <!-- ").Append(text).Append(" -->\n");

        public void Lines(double[] positions, int cap, Func<double, (double X1, double Y1, double X2, double Y2)> line)
        {
            int[] picked = Pick(positions.Length, cap);
            for (int k = 0; k < picked.Length; k++)
            {
                (double x1, double y1, double x2, double y2) = line(positions[picked[k]]);
                string thick = k == 0 || k == picked.Length - 1 ? " style=\"stroke-width:2\"" : string.Empty;
                _sb.Append(CultureInfo.InvariantCulture, $"  <line x1=\"{F(x1 + Margin)}\" y1=\"{F(y1 + Margin)}\" x2=\"{F(x2 + Margin)}\" y2=\"{F(y2 + Margin)}\"{thick} />\n");
            }
        }

        public void Polygon(params (double X, double Y)[] corners)
        {
            string pts = string.Join(" ", corners.Select(c => F(c.X + Margin) + "," + F(c.Y + Margin)));
            _sb.Append(CultureInfo.InvariantCulture, $"  <polygon points=\"{pts}\" style=\"fill:#{color}A0;stroke-width:0\" />\n");
        }

        public void Text(double x, double y, long value, int rotate)
        {
            string transform = rotate == 0 ? string.Empty : $" transform=\"rotate({rotate.ToString(CultureInfo.InvariantCulture)},{F(x)},{F(y)})\"";
            _sb.Append(CultureInfo.InvariantCulture, $"  <text x=\"{F(x)}\" y=\"{F(y)}\" font-size=\"1.0rem\" font-weight=\"100\" text-anchor=\"middle\"{transform}>{value}</text>\n");
        }

        public string Document(double width, double height) =>
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(Math.Ceiling(width))}\" height=\"{F(Math.Ceiling(height))}\" style=\"stroke:rgb(0,0,0);stroke-width:1\">\n{_sb}</svg>";

        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
