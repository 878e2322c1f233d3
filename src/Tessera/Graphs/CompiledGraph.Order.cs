namespace Tessera.Graphs;

internal sealed partial class CompiledGraph
{
    /// <summary>
    /// Memory-friendly priorities (lower runs first), the role of dask.order. A depth-first post-order from
    /// the outputs gives a base priority; then execution is simulated with two ready-heaps: tasks that
    /// consume already-computed data are preferred (by base priority) so that their inputs can be freed,
    /// and a new root (a task without dependencies) is only started when nothing else is ready.
    /// </summary>
    /// <returns>For each dense index, its position in the simulated run (a permutation of 0..Count-1).</returns>
    public int[] Order()
    {
        int n = Count;
        int[] basePriority = PostOrder();
        var remaining = new int[n];
        var roots = new PriorityQueue<int, int>();
        var inner = new PriorityQueue<int, int>();
        for (int i = 0; i < n; i++)
        {
            remaining[i] = DependencyCount(i);
            if (remaining[i] == 0)
            {
                roots.Enqueue(i, basePriority[i]);
            }
        }

        var priority = new int[n];
        int step = 0;
        while (inner.Count > 0 || roots.Count > 0)
        {
            int i = inner.Count > 0 ? inner.Dequeue() : roots.Dequeue();
            priority[i] = step++;
            for (int j = DependentStart[i]; j < DependentStart[i + 1]; j++)
            {
                int d = DependentIdx[j];
                if (--remaining[d] == 0)
                {
                    inner.Enqueue(d, basePriority[d]);
                }
            }
        }

        if (step != n)
        {
            CheckAcyclic();
        }

        return priority;
    }

    /// <summary>Depth-first post-order from the outputs (in request order; dependencies in argument order).</summary>
    private int[] PostOrder()
    {
        int n = Count;
        var post = new int[n];
        Array.Fill(post, -1);
        var visited = new bool[n];
        var stack = new Stack<(int Node, int NextDep)>();
        int counter = 0;

        void Run(int start)
        {
            if (visited[start])
            {
                return;
            }

            visited[start] = true;
            stack.Push((start, DepStart[start]));
            while (stack.Count > 0)
            {
                (int node, int next) = stack.Pop();
                if (next < DepStart[node + 1])
                {
                    stack.Push((node, next + 1));
                    int d = DepIdx[next];
                    if (!visited[d])
                    {
                        visited[d] = true;
                        stack.Push((d, DepStart[d]));
                    }
                }
                else
                {
                    post[node] = counter++;
                }
            }
        }

        foreach (int o in Outputs)
        {
            Run(o);
        }

        // Sinks not requested (graph compiled without outputs): start from tasks nothing depends on, then the rest.
        for (int i = 0; i < n; i++)
        {
            if (DependentCount(i) == 0)
            {
                Run(i);
            }
        }

        for (int i = 0; i < n; i++)
        {
            Run(i);
        }

        return post;
    }
}
