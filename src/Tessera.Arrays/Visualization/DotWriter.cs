using System.Globalization;
using System.Text;

namespace Tessera.Arrays;

/// <summary>
/// Writes task graphs as Graphviz DOT text in the style of Dask's <c>visualize</c>: each task is a circle
/// labelled with its function, feeding a box for the data it produces; dependencies point from the data
/// boxes into the circles of the tasks that read them.
/// </summary>
internal static class DotWriter
{
    /// <summary>Writes the DOT text for <paramref name="nodes"/>.</summary>
    /// <param name="nodes">The graph; dependencies on keys not listed get a plain data box labelled with the key.</param>
    /// <param name="graphName">The DOT graph name; default "G".</param>
    /// <param name="rankDir">Layout direction (BT, TB, LR, RL); default "BT" (inputs at the bottom, as Dask).</param>
    /// <returns>DOT text; node ids are d0, d1, ... for data and t0, t1, ... for tasks, in input order.</returns>
    /// <exception cref="ArgumentException">Two nodes share a key.</exception>
    public static string Write(IEnumerable<DotNode> nodes, string graphName = "G", string rankDir = "BT")
    {
        ArgumentNullException.ThrowIfNull(nodes);
        List<DotNode> list = nodes.ToList();
        var dataIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DotNode n in list)
        {
            if (!dataIds.TryAdd(n.Key, Id("d", dataIds.Count)))
            {
                throw new ArgumentException($"DotWriter.Write: duplicate node key {Quote(n.Key)}.", nameof(nodes));
            }
        }

        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(graphName)).Append(" {\n");
        sb.Append("  graph [rankdir=").Append(Quote(rankDir)).Append("];\n");
        sb.Append("  node [fontname=\"Helvetica\"];\n");

        var implicitKeys = new List<string>();
        foreach (DotNode n in list)
        {
            foreach (string dep in n.Dependencies)
            {
                if (!dataIds.ContainsKey(dep))
                {
                    dataIds[dep] = Id("d", dataIds.Count);
                    implicitKeys.Add(dep);
                }
            }
        }

        foreach (DotNode n in list)
        {
            sb.Append("  ").Append(dataIds[n.Key]).Append(" [label=").Append(Quote(n.Label)).Append(", shape=box];\n");
        }

        foreach (string key in implicitKeys)
        {
            sb.Append("  ").Append(dataIds[key]).Append(" [label=").Append(Quote(key)).Append(", shape=box];\n");
        }

        int taskCount = 0;
        foreach (DotNode n in list)
        {
            if (n.TaskLabel is null)
            {
                foreach (string dep in n.Dependencies)
                {
                    sb.Append("  ").Append(dataIds[dep]).Append(" -> ").Append(dataIds[n.Key]).Append(";\n");
                }

                continue;
            }

            string task = Id("t", taskCount++);
            sb.Append("  ").Append(task).Append(" [label=").Append(Quote(n.TaskLabel)).Append(", shape=circle];\n");
            sb.Append("  ").Append(task).Append(" -> ").Append(dataIds[n.Key]).Append(";\n");
            foreach (string dep in n.Dependencies)
            {
                sb.Append("  ").Append(dataIds[dep]).Append(" -> ").Append(task).Append(";\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>Quotes a string as a DOT ID: wrapped in double quotes, with backslashes, quotes and newlines escaped.</summary>
    /// <param name="text">Any text.</param>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Id(string prefix, int n) => prefix + n.ToString(CultureInfo.InvariantCulture);
}
