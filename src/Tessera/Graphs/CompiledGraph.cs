namespace Tessera.Graphs;

/// <summary>
/// A culled, validated graph compiled to dense int-indexed arrays (CSR adjacency), the form schedulers run.
/// Index i runs over the tasks reachable from the outputs (all tasks when no outputs are given).
/// </summary>
internal sealed partial class CompiledGraph
{
    private CompiledGraph(TaskSpec[] tasks, int[] depStart, int[] depIdx, int[] outputs)
    {
        Tasks = tasks;
        DepStart = depStart;
        DepIdx = depIdx;
        Outputs = outputs;
        int n = tasks.Length;
        var count = new int[n + 1];
        foreach (int d in depIdx)
        {
            count[d + 1]++;
        }

        for (int i = 0; i < n; i++)
        {
            count[i + 1] += count[i];
        }

        var fill = (int[])count.Clone();
        var dependents = new int[depIdx.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = depStart[i]; j < depStart[i + 1]; j++)
            {
                dependents[fill[depIdx[j]]++] = i;
            }
        }

        DependentStart = count;
        DependentIdx = dependents;
        IsOutput = new bool[n];
        foreach (int o in outputs)
        {
            IsOutput[o] = true;
        }
    }

    public TaskSpec[] Tasks { get; }

    public int Count => Tasks.Length;

    /// <summary>CSR start offsets into <see cref="DepIdx"/> (length Count + 1).</summary>
    public int[] DepStart { get; }

    /// <summary>Distinct dependencies of each task, as dense indices.</summary>
    public int[] DepIdx { get; }

    public int[] DependentStart { get; }

    public int[] DependentIdx { get; }

    /// <summary>Dense index of each requested output, in request order (may repeat).</summary>
    public int[] Outputs { get; }

    public bool[] IsOutput { get; }

    public int DependencyCount(int i) => DepStart[i + 1] - DepStart[i];

    public int DependentCount(int i) => DependentStart[i + 1] - DependentStart[i];

    /// <summary>Culls <paramref name="graph"/> to what <paramref name="outputs"/> need (all when null) and validates it.</summary>
    public static CompiledGraph Build(TaskGraph graph, IReadOnlyList<Key>? outputs)
    {
        TaskSpec[] all = graph.Tasks;
        Dictionary<Key, int> index = graph.Index;
        var dense = new int[all.Length];
        Array.Fill(dense, -1);
        var order = new List<int>(outputs is null ? all.Length : Math.Min(all.Length, 1024));
        var missing = new List<(Key Missing, Key? By)>();
        var stack = new Stack<int>();

        int Visit(Key k, Key? by)
        {
            if (!index.TryGetValue(k, out int g))
            {
                if (!missing.Exists(m => m.Missing == k))
                {
                    missing.Add((k, by));
                }

                return -1;
            }

            if (dense[g] < 0)
            {
                dense[g] = order.Count;
                order.Add(g);
                stack.Push(g);
            }

            return dense[g];
        }

        int[] outIdx;
        if (outputs is null)
        {
            outIdx = [];
            for (int g = 0; g < all.Length; g++)
            {
                Visit(all[g].Key, null);
            }
        }
        else
        {
            outIdx = new int[outputs.Count];
            for (int o = 0; o < outputs.Count; o++)
            {
                outIdx[o] = Visit(outputs[o], null);
            }
        }

        while (stack.Count > 0)
        {
            TaskSpec t = all[stack.Pop()];
            foreach (Key d in t.Dependencies)
            {
                Visit(d, t.Key);
            }
        }

        if (missing.Count > 0)
        {
            string detail = string.Join("; ", missing.Take(10).Select(static m => m.By is { } by ? $"{m.Missing} (needed by {by})" : $"{m.Missing} (requested)"));
            throw new GraphValidationException($"Missing key(s) in task graph: {detail}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : string.Empty)}.")
            {
                Keys = [.. missing.Select(static m => m.Missing)],
            };
        }

        int n = order.Count;
        var tasks = new TaskSpec[n];
        var depStart = new int[n + 1];
        int edges = 0;
        for (int i = 0; i < n; i++)
        {
            tasks[i] = all[order[i]];
            edges += tasks[i].Dependencies.Count;
            depStart[i + 1] = edges;
        }

        var depIdx = new int[edges];
        int e = 0;
        for (int i = 0; i < n; i++)
        {
            foreach (Key d in tasks[i].Dependencies)
            {
                depIdx[e++] = dense[index[d]];
            }
        }

        var compiled = new CompiledGraph(tasks, depStart, depIdx, outIdx);
        compiled.CheckAcyclic();
        return compiled;
    }

    /// <summary>A topological order (Kahn), or throws naming a cycle.</summary>
    public int[] TopologicalOrder()
    {
        int n = Count;
        var remaining = new int[n];
        var queue = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++)
        {
            remaining[i] = DependencyCount(i);
            if (remaining[i] == 0)
            {
                queue[tail++] = i;
            }
        }

        while (head < tail)
        {
            int i = queue[head++];
            for (int j = DependentStart[i]; j < DependentStart[i + 1]; j++)
            {
                int d = DependentIdx[j];
                if (--remaining[d] == 0)
                {
                    queue[tail++] = d;
                }
            }
        }

        if (tail < n)
        {
            ThrowCycle(remaining);
        }

        return queue;
    }

    private void CheckAcyclic() => TopologicalOrder();

    private void ThrowCycle(int[] remaining)
    {
        // Every task with remaining > 0 is on or downstream of a cycle; walk dependencies among them until one repeats.
        int start = Array.FindIndex(remaining, static r => r > 0);
        var seenAt = new Dictionary<int, int>();
        var path = new List<int>();
        int cur = start;
        while (!seenAt.ContainsKey(cur))
        {
            seenAt[cur] = path.Count;
            path.Add(cur);
            int next = -1;
            for (int j = DepStart[cur]; j < DepStart[cur + 1]; j++)
            {
                if (remaining[DepIdx[j]] > 0)
                {
                    next = DepIdx[j];
                    break;
                }
            }

            cur = next;
        }

        List<Key> cycle = [.. path.Skip(seenAt[cur]).Select(i => Tasks[i].Key)];
        cycle.Reverse();
        cycle.Add(cycle[0]);
        throw new GraphValidationException($"Cycle in task graph: {string.Join(" -> ", cycle)}.")
        {
            Keys = cycle,
            IsCycle = true,
        };
    }
}
