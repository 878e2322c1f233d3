namespace Tessera.Arrays.Tests.Visualization;

public class DotWriterTests
{
    private static readonly DotNode[] Graph =
    [
        new("x-0", "x (0,)", [], "ones"),
        new("x-1", "x (1,)", [], "ones"),
        new("sum", "sum", ["x-0", "x-1"], "add"),
    ];

    [Fact]
    public void Writes_tasks_as_circles_and_data_as_boxes()
    {
        string dot = DotWriter.Write(Graph);
        Assert.Equal(
            """
            digraph "G" {
              graph [rankdir="BT"];
              node [fontname="Helvetica"];
              d0 [label="x (0,)", shape=box];
              d1 [label="x (1,)", shape=box];
              d2 [label="sum", shape=box];
              t0 [label="ones", shape=circle];
              t0 -> d0;
              t1 [label="ones", shape=circle];
              t1 -> d1;
              t2 [label="add", shape=circle];
              t2 -> d2;
              d0 -> t2;
              d1 -> t2;
            }

            """.ReplaceLineEndings("\n"),
            dot);
    }

    [Fact]
    public void Plain_data_nodes_and_unknown_dependencies()
    {
        string dot = DotWriter.Write([new DotNode("alias", "alias", ["ext"])], graphName: "g\"1", rankDir: "LR");
        Assert.Contains("digraph \"g\\\"1\"", dot, StringComparison.Ordinal);
        Assert.Contains("rankdir=\"LR\"", dot, StringComparison.Ordinal);
        Assert.Contains("d1 [label=\"ext\", shape=box];", dot, StringComparison.Ordinal);
        Assert.Contains("d1 -> d0;", dot, StringComparison.Ordinal);
        Assert.DoesNotContain("circle", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_rejected() =>
        Assert.Throws<ArgumentException>(() => DotWriter.Write([new DotNode("a", "a", []), new DotNode("a", "b", [])]));

    [Fact]
    public void Quote_escapes()
    {
        Assert.Equal("\"a\\\\b\\\"c\\nd\"", DotWriter.Quote("a\\b\"c\r\nd"));
    }
}
