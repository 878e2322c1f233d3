using Tessera.Arrays.Tests.DArrays;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>NumPy judges random cases of the part 1 surface on the synchronous and threaded schedulers.</summary>
public sealed class ConformanceTests
{
    private const int Seed = 20261207;

    [SkippableTheory]
    [InlineData("sync", 0)]
    [InlineData("sync", 1)]
    [InlineData("threaded", 2)]
    [InlineData("threaded", 3)]
    public void RandomCasesAgreeWithNumPy(string scheduler, int batch)
    {
        Skip.If(NumPyJudge.Unavailable is not null, NumPyJudge.Unavailable);
        var cases = ConformanceSuite.Cases(Seed + batch, 250);
        var failures = ConformanceSuite.Run(cases, () => Gen.SchedulerFor(scheduler));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases disagree with NumPy; first ones:\n\n{string.Join("\n", failures.Take(5))}");
    }

    [SkippableTheory]
    [InlineData("sync")]
    [InlineData("threaded")]
    public void EveryOperationAgreesWithNumPy(string scheduler)
    {
        Skip.If(NumPyJudge.Unavailable is not null, NumPyJudge.Unavailable);
        var generator = new CaseGenerator(Seed + 100);
        int id = 0;
        var cases = CaseGenerator.Operations.SelectMany(op => Enumerable.Range(0, 12).Select(_ => generator.ForOperation(id++, op))).ToList();
        var failures = ConformanceSuite.Run(cases, () => Gen.SchedulerFor(scheduler));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases disagree with NumPy; first ones:\n\n{string.Join("\n", failures.Take(5))}");
    }
}
