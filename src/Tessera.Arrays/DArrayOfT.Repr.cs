namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>The table Dask shows for an array: bytes, shape, "N chunks in M graph layers", data type.</summary>
    public override string ToString() => ArrayRepr.ToText(ReprInfo());

    /// <summary>The same table as HTML, beside an SVG drawing of the chunk grid (as Dask shows in a notebook).</summary>
    public string ToHtml() => ArrayRepr.ToHtml(ReprInfo());

    /// <summary>
    /// Writes the task graph as Graphviz DOT to <paramref name="path"/>; when the path ends in
    /// <c>.svg</c> and Graphviz's <c>dot</c> is installed, writes the rendered SVG instead.
    /// </summary>
    /// <param name="path">Where to write (".dot" or ".svg").</param>
    /// <param name="optimizeGraph">Whether to draw the optimised graph; the default (false) draws it as built, as Dask does.</param>
    /// <param name="cancellationToken">Cancels rendering.</param>
    /// <returns>The path written: <paramref name="path"/>, or the ".dot" beside it when SVG could not be rendered.</returns>
    public async Task<string> VisualizeAsync(string path, bool optimizeGraph = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var graph = Plan(optimizeGraph, trackBytes: false).Graph;
        var nodes = graph.Layers.SelectMany(l => l.Tasks).Select(t =>
            new DotNode(t.Key.ToString(), t.Key.ToString(), [.. t.Dependencies.Select(d => d.ToString())], t.Function.Name));
        var dot = DotWriter.Write(nodes);
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            var svg = await Graphviz.RenderAsync(dot, "svg", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (svg is not null)
            {
                await File.WriteAllTextAsync(path, svg, cancellationToken).ConfigureAwait(false);
                return path;
            }

            path = Path.ChangeExtension(path, ".dot");
        }

        await File.WriteAllTextAsync(path, dot, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Synchronous <see cref="VisualizeAsync"/>.</summary>
    /// <param name="path">Where to write (".dot" or ".svg").</param>
    /// <param name="optimizeGraph">Whether to draw the optimised graph; the default is false.</param>
    /// <returns>The path written.</returns>
    public string Visualize(string path, bool optimizeGraph = false) => VisualizeAsync(path, optimizeGraph).GetAwaiter().GetResult();

    private ArrayReprInfo ReprInfo()
    {
        var graph = Plan(optimize: false, trackBytes: false).Graph;
        return new ArrayReprInfo(new Chunks(Expr.Chunks), DType, ItemSize, graph.LayerCount, graph.Count);
    }
}
