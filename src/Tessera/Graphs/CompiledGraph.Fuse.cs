namespace Tessera.Graphs;

internal sealed partial class CompiledGraph
{
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
        int n = Count;
        TaskSpec[] specs = (TaskSpec[])Tasks.Clone();
        var removed = new bool[n];
        var chains = new List<Key>?[n];
        bool any = false;
        foreach (int b in TopologicalOrder())
        {
            if (DependencyCount(b) != 1)
            {
                continue;
            }

            int a = DepIdx[DepStart[b]];
            if (DependentCount(a) != 1 || IsOutput[a] || (keep is not null && keep.Contains(Tasks[a].Key)) || CountRefs(Tasks[b].ArgsArray, Tasks[a].Key) != 1)
            {
                continue;
            }

            specs[b] = new TaskSpec(Tasks[b].Key, Tasks[b].Function, ReplaceRef(Tasks[b].ArgsArray, Tasks[a].Key, specs[a]));
            removed[a] = true;
            List<Key> chain = chains[a] ?? [];
            chain.Add(Tasks[a].Key);
            chains[b] = chain;
            chains[a] = null;
            any = true;
        }

        if (!any)
        {
            return null;
        }

        var result = new List<TaskSpec>(n);
        for (int i = 0; i < n; i++)
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
