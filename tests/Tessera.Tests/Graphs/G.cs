using Tessera.Graphs;

namespace Tessera.Tests.Graphs;

/// <summary>Small helpers to build test graphs.</summary>
internal static class G
{
    public static readonly TaskFunction Sum = TaskFunction.FromInvoker("sum", (Func<int>)(() => 0), static a =>
    {
        long s = 0;
        foreach (object? x in a)
        {
            s += x switch { int i => i, long l => l, object?[] arr => arr.Sum(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)), _ => 0 };
        }

        return s;
    });

    public static readonly TaskFunction Inc = TaskFunction.Create((long x) => x + 1, "inc");

    public static Key K(string name, params int[] index) => new(name, index);

    public static TaskSpec Lit(string name, long value) => TaskSpec.FromValue(new Key(name), value);

    public static TaskSpec T(string name, params string[] deps) => new(new Key(name), Sum, [.. deps.Select(d => TaskArg.Ref(new Key(d)))]);

    public static TaskGraph Graph(params TaskSpec[] tasks) => new(new Layer("l", tasks));

    /// <summary>10 facets, each sliced 4 ways; 4 sum chains each over one slice of every facet.</summary>
    public static TaskGraph Facets(out Key[] outputs)
    {
        var tasks = new List<TaskSpec>();
        for (int f = 0; f < 10; f++)
        {
            tasks.Add(Lit($"facet{f}", f));
            for (int s = 0; s < 4; s++)
            {
                tasks.Add(T($"slice{f}_{s}", $"facet{f}"));
            }
        }

        outputs = new Key[4];
        for (int s = 0; s < 4; s++)
        {
            string prev = $"slice0_{s}";
            for (int f = 1; f < 10; f++)
            {
                string name = $"add{f}_{s}";
                tasks.Add(T(name, prev, $"slice{f}_{s}"));
                prev = name;
            }

            outputs[s] = new Key(prev);
        }

        return Graph([.. tasks]);
    }
}
