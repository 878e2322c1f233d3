namespace Tessera.Graphs;

public sealed partial class TaskGraph
{
    /// <summary>
    /// Keeps only the tasks needed to compute <paramref name="outputs"/> (O(reachable tasks)); layers left
    /// empty are dropped, the others keep their name, dependencies and annotation.
    /// </summary>
    /// <param name="outputs">The keys wanted.</param>
    /// <exception cref="GraphValidationException">An output or a referenced key is missing, or there is a cycle.</exception>
    public TaskGraph Cull(IEnumerable<Key> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        CompiledGraph c = CompiledGraph.Build(this, [.. outputs]);
        if (c.Count == Count)
        {
            return this;
        }

        var kept = new HashSet<Key>(c.Count);
        foreach (TaskSpec t in c.Tasks)
        {
            kept.Add(t.Key);
        }

        return RebuildLayers(t => kept.Contains(t.Key) ? t : null);
    }

    /// <summary>
    /// Fuses linear chains: A → B is fused when B is A's only dependent, A is B's only dependency and A is not
    /// in <paramref name="keep"/>. The fused task keeps B's key and evaluates A inline first. At most 32 tasks
    /// are folded into one (longer chains become several fused tasks) to bound nesting depth.
    /// </summary>
    /// <param name="keep">Keys that must survive (usually the requested outputs).</param>
    public FusionResult FuseLinear(IEnumerable<Key> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var keepSet = new HashSet<Key>(keep);
        CompiledGraph c = CompiledGraph.Build(this, null);
        List<TaskSpec>? fused = c.FuseLinear(keepSet, out Dictionary<Key, IReadOnlyList<Key>> fusedKeys);
        if (fused is null)
        {
            return new FusionResult(this, fusedKeys);
        }

        var byKey = new Dictionary<Key, TaskSpec>(fused.Count);
        foreach (TaskSpec t in fused)
        {
            byKey[t.Key] = t;
        }

        return new FusionResult(RebuildLayers(t => byKey.GetValueOrDefault(t.Key)), fusedKeys);
    }

    /// <summary>
    /// Memory-friendly execution priorities (lower runs first) for the tasks needed by <paramref name="outputs"/>
    /// (all tasks when null): tasks consuming already-computed data run before new roots are started.
    /// </summary>
    /// <param name="outputs">The requested keys, or null for the whole graph.</param>
    /// <returns>Each key's priority; a permutation of 0..n-1 that is a valid execution order.</returns>
    public IReadOnlyDictionary<Key, int> Order(IEnumerable<Key>? outputs = null)
    {
        CompiledGraph c = CompiledGraph.Build(this, outputs is null ? null : [.. outputs]);
        int[] p = c.Order();
        var result = new Dictionary<Key, int>(c.Count);
        for (int i = 0; i < c.Count; i++)
        {
            result[c.Tasks[i].Key] = p[i];
        }

        return result;
    }

    private TaskGraph RebuildLayers(Func<TaskSpec, TaskSpec?> map)
    {
        var seen = new HashSet<Key>();
        var layers = new List<Layer>(_layers.Length);
        foreach (Layer l in _layers)
        {
            var tasks = new List<TaskSpec>();
            foreach (TaskSpec t in l.TasksArray)
            {
                if (seen.Add(t.Key) && map(t) is { } m)
                {
                    tasks.Add(m);
                }
            }

            if (tasks.Count > 0)
            {
                layers.Add(tasks.Count == l.Count && tasks.SequenceEqual(l.TasksArray) ? l : new Layer(l.Name, tasks, l.Dependencies, l.Annotation));
            }
        }

        return new TaskGraph(layers);
    }
}
