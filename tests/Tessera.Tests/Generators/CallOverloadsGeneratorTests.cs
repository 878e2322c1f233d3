using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tessera.Generators;

namespace Tessera.Tests.Generators;

public sealed class CallOverloadsGeneratorTests
{
    private const string Marked = """
        namespace Tessera
        {
            internal sealed class GenerateCallOverloadsAttribute : System.Attribute
            {
                public GenerateCallOverloadsAttribute(int maxArity) { }
            }

            [GenerateCallOverloads(ARITY)]
            public abstract partial class Delayed { }
        }
        """;

    [Fact]
    public void DelayedHasOneCallOverloadPerMixOfPlainAndDelayedArguments()
    {
        var calls = typeof(Tessera.Delayed).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "Call").ToList();
        for (int n = 0; n <= 8; n++)
        {
            var ofArity = calls.Where(m => m.GetParameters().Length == n + 1).ToList();
            Assert.Equal(1 << n, ofArity.Count);
            var masks = ofArity.Select(m => m.GetParameters().Skip(1)
                .Select((p, i) => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Tessera.Delayed<>) ? 1 << i : 0)
                .Sum()).ToHashSet();
            Assert.Equal(1 << n, masks.Count);
        }

        Assert.Equal(511, calls.Count);
    }

    [Fact]
    public void MethodGroupsInferThroughTheGeneratedOverloads()
    {
        static long Add(int a, long b, double c) => a + b + (long)c;
        var a = Tessera.Delayed.Value(1);
        var d = Tessera.Delayed.Call(Add, a, 2L, 3.0);
        var e = Tessera.Delayed.Call(Add, 1, Tessera.Delayed.Value(2L), 3.0);
        Assert.Equal(6, d.Compute());
        Assert.NotEqual(d.Key, e.Key);
        Assert.Equal(6, e.Compute());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void TheGeneratorWritesOneFilePerArityThatCompilesAsCSharp(int arity)
    {
        var result = Run(arity);
        Assert.Empty(result.Diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Assert.Equal(arity + 1, sources.Length);
        for (int n = 0; n <= arity; n++)
        {
            var text = sources.Single(s => s.HintName == $"Delayed.Call{n}.g.cs").SourceText.ToString();
            Assert.Empty(CSharpSyntaxTree.ParseText(text).GetDiagnostics());
            Assert.Equal(1 << n, CountOccurrences(text, "public static global::Tessera.Delayed<TResult> Call<"));
        }
    }

    [Fact]
    public void AnArityOutOfRangeIsAnErrorNamingTheRange()
    {
        var result = Run(CallOverloadsGenerator.MaxSupportedArity + 1);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("TSG001", error.Id);
        Assert.Contains($"use 0 to {CallOverloadsGenerator.MaxSupportedArity}", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void TheGeneratorIsIncrementalAnEditElsewhereReusesItsOutput()
    {
        var tree = CSharpSyntaxTree.ParseText(Marked.Replace("ARITY", "2", StringComparison.Ordinal));
        var compilation = CSharpCompilation.Create("t", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new CallOverloadsGenerator().AsSourceGenerator()],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var other = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { class Unrelated { } }"));
        driver = driver.RunGenerators(other);
        var steps = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private static GeneratorDriverRunResult Run(int arity)
    {
        var tree = CSharpSyntaxTree.ParseText(Marked.Replace("ARITY", arity.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var compilation = CSharpCompilation.Create("t", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        return CSharpGeneratorDriver.Create(new CallOverloadsGenerator()).RunGenerators(compilation).GetRunResult();
    }

    private static int CountOccurrences(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
