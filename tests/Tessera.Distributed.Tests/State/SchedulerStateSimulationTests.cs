using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

/// <summary>Seeded event sequences (finishes, steals, workers leaving and joining) with invariants checked after every event.</summary>
public sealed class SchedulerStateSimulationTests
{
    /// <summary>A tree reduction: <paramref name="n"/> roots summed pairwise to one key.</summary>
    private static (GraphBuilder Graph, string Top) Tree(int n)
    {
        var g = new GraphBuilder();
        var level = GraphBuilder.Roots(n, "leaf").ToList();
        foreach (string k in level)
        {
            g.Task(k);
        }

        int depth = 0;
        while (level.Count > 1)
        {
            depth++;
            var next = new List<string>();
            for (int i = 0; i < level.Count; i += 2)
            {
                string k = $"add{depth}-{i / 2}";
                g.Task(k, [.. level.Skip(i).Take(2)]);
                next.Add(k);
            }

            level = next;
        }

        return (g, level[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TreeReductionCompletesDespiteStealsAndWorkerChurn(int seed)
    {
        var rng = new Random(seed);
        var h = new SchedulerHarness();
        var workers = new List<SchedulerWorker> { h.AddWorker("w0", 2), h.AddWorker("w1", 1) };
        int nextWorker = 2;
        (GraphBuilder g, string top) = Tree(64);
        var all = new List<SchedulerInstruction>(h.Submit(g, top));
        var steals = new List<StealFromWorker>();

        for (int step = 0; step < 5_000 && h.Task(top).State != SchedulerTaskState.Memory; step++)
        {
            int roll = rng.Next(100);
            // Deaths are rarer than other events: with tiny tasks learned, workers hold many tasks, and a task lost
            // with more than AllowedFailures workers fails by design (KilledWorker).
            if (roll < 1 && workers.Count > 1)
            {
                SchedulerWorker gone = workers[rng.Next(workers.Count)];
                workers.Remove(gone);
                steals.RemoveAll(s => s.Worker == gone);
                all.AddRange(h.Remove(gone));
            }
            else if (roll < 6)
            {
                workers.Add(h.AddWorker("w" + nextWorker++, 1 + rng.Next(3), out var joined));
                all.AddRange(joined);
            }
            else if (roll < 12)
            {
                var ins = h.Checked(h.State.Balance(h.Next()));
                steals.AddRange(ins.OfType<StealFromWorker>());
            }
            else if (roll < 20 && steals.Count > 0)
            {
                StealFromWorker s = steals[0];
                steals.RemoveAt(0);
                all.AddRange(h.Checked(h.State.StealResponse(s.Worker.Id, s.Key, rng.Next(2) == 0, h.Next())));
            }
            else
            {
                var processing = workers.SelectMany(static w => w.Processing).OrderBy(static t => t, PriorityComparer.Instance).ToList();
                if (processing.Count > 0)
                {
                    SchedulerTask t = processing[rng.Next(processing.Count)];
                    all.AddRange(h.Finish(t.ProcessingOn!, t.Key, nbytes: 1 + rng.Next(1000), seconds: rng.NextDouble() * 0.01));
                }
            }
        }

        Assert.Equal(SchedulerTaskState.Memory, h.Task(top).State);
        Assert.Contains(all.OfType<TellClientInMemory>(), t => t.Task.Key == top);
        Assert.Empty(h.State.Queued);
        Assert.All(workers, static w => Assert.Empty(w.Processing));

        // Only the wanted result is held; releasing it leaves nothing behind.
        Assert.Equal([top], workers.SelectMany(static w => w.HasWhat).Select(static t => t.Key).Distinct());
        h.Release(top);
        Assert.Empty(h.State.Tasks);
        Assert.All(workers, static w => Assert.Equal(0, w.NBytes));
    }
}
