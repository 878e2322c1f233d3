namespace Tessera.Graphs;

internal sealed partial class CompiledGraph
{
    /// <summary>The most tasks folded into one fused task, bounding the inline nesting (and stack) depth.</summary>
    public const int MaxFusedChain = 32;

    /// <summary>
    /// Linear fusion: a chain A → B is fused when B is A's only dependent, A is B's only dependency (referenced
    /// once), and A is not an output. The fused task keeps B's key and evaluates A inline before B.
    /// </summary>
    /// <param name="keep">Keys that must stay (not be folded away) besides the outputs; may be null.</param>
    /// <param name="fusedKeys">For each surviving fused key, the folded keys in execution order.</param>
    /// <returns>The fused tasks (in this graph's order), or null when nothing could be fused.</returns>
    public List<TaskSpec>? FuseLinear(IReadOnlySet<Key>? keep, out Dictionary<Key, IReadOnlyList<Key>> fusedKeys)
    {
        fusedKeys = [];
        if (!FuseCore(keep, out TaskSpec[] specs, out bool[] removed, out List<Key>?[] chains, out _))
        {
            return null;
        }

        var result = new List<TaskSpec>(Count);
        for (int i = 0; i < Count; i++)
        {
            if (!removed[i])
            {
                result.Add(specs[i]);
                if (chains[i] is { } c)
                {
                    fusedKeys[specs[i].Key] = c;
                }
            }
        }

        return result;
    }

    /// <summary>Fuses linear chains straight into a new compiled graph (no re-validation); null when nothing fuses.</summary>
    public CompiledGraph? Fuse()
    {
        if (!FuseCore(null, out TaskSpec[] specs, out bool[] removed, out _, out int[] head))
        {
            return null;
        }

        int n = Count;
        var newIndex = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            newIndex[i] = removed[i] ? -1 : m++;
        }

        var tasks = new TaskSpec[m];
        var depStart = new int[m + 1];
        var depIdx = new List<int>(DepIdx.Length);
        for (int i = 0; i < n; i++)
        {
            if (removed[i])
            {
                continue;
            }

            int k = newIndex[i];
            tasks[k] = specs[i];

            // A fused task needs what its chain's first task needed; those tasks always survive.
            int h = head[i];
            for (int j = DepStart[h]; j < DepStart[h + 1]; j++)
            {
                depIdx.Add(newIndex[DepIdx[j]]);
            }

            depStart[k + 1] = depIdx.Count;
        }

        int[] outputs = [.. Outputs.Select(o => newIndex[o])];
        return new CompiledGraph(tasks, depStart, [.. depIdx], outputs);
    }

    private bool FuseCore(IReadOnlySet<Key>? keep, out TaskSpec[] specs, out bool[] removed, out List<Key>?[] chains, out int[] head)
    {
        int n = Count;
        specs = (TaskSpec[])Tasks.Clone();
        removed = new bool[n];
        chains = new List<Key>?[n];
        head = new int[n];
        for (int i = 0; i < n; i++)
        {
            head[i] = i;
        }

        bool any = false;
        foreach (int b in TopologicalOrder())
        {
            if (DependencyCount(b) != 1)
            {
                continue;
            }

            int a = DepIdx[DepStart[b]];
            if (DependentCount(a) != 1 || IsOutput[a] || Tasks[a].IsExternal || (keep is not null && keep.Contains(Tasks[a].Key)) || (chains[a]?.Count ?? 0) + 1 >= MaxFusedChain || CountRefs(Tasks[b].ArgsArray, Tasks[a].Key) != 1)
            {
                continue;
            }

            specs[b] = new TaskSpec(Tasks[b].Key, Tasks[b].Function, ReplaceRef(Tasks[b].ArgsArray, Tasks[a].Key, specs[a]));
            removed[a] = true;
            head[b] = head[a];
            List<Key> chain = chains[a] ?? [];
            chain.Add(Tasks[a].Key);
            chains[b] = chain;
            chains[a] = null;
            any = true;
        }

        return any;
    }

    private static int CountRefs(TaskArg[] args, Key key)
    {
        int count = 0;
        foreach (TaskArg a in args)
        {
            a.VisitRefs(ref count, (ref int c, Key k) =>
            {
                if (k == key)
                {
                    c++;
                }
            });
        }

        return count;
    }

    private static TaskArg[] ReplaceRef(TaskArg[] args, Key key, TaskSpec inline)
    {
        var result = new TaskArg[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            result[i] = args[i].Kind switch
            {
                TaskArgKind.Ref when args[i].Key == key => TaskArg.Inline(inline),
                TaskArgKind.List => TaskArg.List(ReplaceRef(args[i].ItemsArray, key, inline)),
                _ => args[i],
            };
        }

        return result;
    }
}
