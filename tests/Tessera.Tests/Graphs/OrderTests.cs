using Tessera.Graphs;
using static Tessera.Tests.Graphs.G;

namespace Tessera.Tests.Graphs;

public class OrderTests
{
    private static void AssertTopological(TaskGraph g, IReadOnlyDictionary<Key, int> order)
    {
        Assert.Equal(Enumerable.Range(0, order.Count), order.Values.Order());
        foreach (KeyValuePair<Key, int> kv in order)
        {
            foreach (Key d in g.GetDependencies(kv.Key))
            {
                Assert.True(order[d] < kv.Value, $"{d} must run before {kv.Key}");
            }
        }
    }

    [Fact]
    public void Facets_SlicesRunRightAfterTheirFacet()
    {
        TaskGraph g = Facets(out Key[] outputs);
        IReadOnlyDictionary<Key, int> order = g.Order(outputs);
        AssertTopological(g, order);
        for (int f = 0; f < 10; f++)
        {
            // Every slice of a facet runs before the next facet is loaded.
            int facet = order[K($"facet{f}")];
            int nextFacet = f < 9 ? order[K($"facet{f + 1}")] : int.MaxValue;
            for (int s = 0; s < 4; s++)
            {
                int slice = order[K($"slice{f}_{s}")];
                Assert.InRange(slice, facet + 1, nextFacet - 1);
            }
        }

        // Simulate memory: a facet is alive from its run until its last slice ran.
        Key[] sequence = [.. order.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
        int alive = 0, maxAlive = 0;
        var slicesLeft = new Dictionary<int, int>();
        foreach (Key k in sequence)
        {
            if (k.Name.StartsWith("facet", StringComparison.Ordinal))
            {
                alive++;
                slicesLeft[int.Parse(k.Name[5..], System.Globalization.CultureInfo.InvariantCulture)] = 4;
                maxAlive = Math.Max(maxAlive, alive);
            }
            else if (k.Name.StartsWith("slice", StringComparison.Ordinal))
            {
                int f = int.Parse(k.Name[5..k.Name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                if (--slicesLeft[f] == 0)
                {
                    alive--;
                }
            }
        }

        Assert.True(maxAlive <= 2, $"at most 2 facets alive, saw {maxAlive}");
    }

    [Fact]
    public void Reduction_FinishesEachSubtreeBeforeNextRoots()
    {
        // Binary sum tree over 8 leaves: each pair-sum runs as soon as its two leaves are done.
        var tasks = new List<TaskSpec>();
        for (int i = 0; i < 8; i++)
        {
            tasks.Add(Lit($"leaf{i}", i));
        }

        for (int i = 0; i < 4; i++)
        {
            tasks.Add(T($"p{i}", $"leaf{2 * i}", $"leaf{(2 * i) + 1}"));
        }

        tasks.Add(T("q0", "p0", "p1"));
        tasks.Add(T("q1", "p2", "p3"));
        tasks.Add(T("root", "q0", "q1"));
        TaskGraph g = Graph([.. tasks]);
        IReadOnlyDictionary<Key, int> order = g.Order([K("root")]);
        AssertTopological(g, order);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(order[K($"leaf{(2 * i) + 1}")] + 1, order[K($"p{i}")]);
        }

        Assert.Equal(order[K("p1")] + 1, order[K("q0")]);
        Assert.Equal(14, order[K("root")]);
    }

    [Fact]
    public void WholeGraph_OrderCoversEveryTask()
    {
        TaskGraph g = Facets(out _);
        AssertTopological(g, g.Order());
    }
}
