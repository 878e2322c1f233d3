using System.Text;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>
/// Runs generated cases through Tessera on a scheduler and through NumPy (one Python process per
/// batch), and lists the cases that disagree, each with a C# snippet that reproduces it.
/// </summary>
internal static class ConformanceSuite
{
    public static IReadOnlyList<ConformanceCase> Cases(int seed, int count)
    {
        var generator = new CaseGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(generator.Next)];
    }

    /// <summary>The failures, as printable reports (empty when every case agrees).</summary>
    public static List<string> Run(IReadOnlyList<ConformanceCase> cases, Func<Tessera.Scheduling.IScheduler> scheduler)
    {
        var judged = NumPyJudge.Judge(cases);
        var failures = new List<string>();
        using var scope = Tessera.Scheduling.Scheduler.Use(scheduler());
        foreach (var c in cases)
        {
            var (expected, error) = judged[c.Id];
            string? problem;
            try
            {
                var value = CaseEvaluator.Eval(c.Expr, c.Arrays());
                var result = CaseEvaluator.One(new ComputeOp(), value);
                problem = error is not null
                    ? $"NumPy raised but Tessera gave a result:\n{error}"
                    : ResultComparer.Compare(c.Expr.Op, result, expected!);
            }
            catch (Exception e) when (error is not null && e is ArgumentException or NotSupportedException or InvalidOperationException)
            {
                problem = null; // both refuse the case
            }
            catch (Exception e)
            {
                problem = $"Tessera threw {e.GetType().Name}: {e.Message}";
            }

            if (problem is not null)
            {
                failures.Add(new StringBuilder().AppendLine(problem).Append(c.Snippet()).ToString());
            }
        }

        return failures;
    }

    private sealed class ComputeOp : CaseEvaluator.IOne
    {
        public object Run<T>(DArray<T> x)
            where T : unmanaged => x.Compute();
    }
}
