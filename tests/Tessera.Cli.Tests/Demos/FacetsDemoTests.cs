using Tessera.Cli.Demos;

namespace Tessera.Cli.Tests.Demos;

public class FacetsDemoTests
{
    [Fact]
    public async Task SmallReferenceJob_PrintsTheNotebooksReprsAndRowZero()
    {
        using var output = new StringWriter();
        int code = await FacetsDemo.RunAsync(new FacetsDemoOptions(Size: 256, Facets: 10, Chunk: 64, Threads: 2, Full: true), output, CancellationToken.None);
        string text = output.ToString();
        Assert.Equal(0, code);
        Assert.Matches(@"Delayed<NDArray<Int64>>\('MyF-[0-9a-f]{8}…'\)", text);
        Assert.Contains("(10, 256, 256)", text, StringComparison.Ordinal);
        Assert.Contains("(1, 256, 256)", text, StringComparison.Ordinal);
        Assert.Contains("10 chunks in 21 graph layers", text, StringComparison.Ordinal);
        Assert.Contains("(1, 64, 64)", text, StringComparison.Ordinal);
        Assert.Contains("160 chunks in 22 graph layers", text, StringComparison.Ordinal);
        Assert.Contains("[45, 45, 45, 45, 45, 45, 45, 45, 45, 45,", text, StringComparison.Ordinal);
        Assert.Contains("row 0 computed in", text, StringComparison.Ordinal);
        Assert.Contains("full sum computed in", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSizes_AreRefusedWithTheValuesGiven()
    {
        using var output = new StringWriter();
        int code = await FacetsDemo.RunAsync(new FacetsDemoOptions(Size: -5, Facets: 10, Chunk: 64, Threads: 2, Full: false), output, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("--size (-5)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var root = CliApp.Create();
        using var output = new StringWriter();
        var result = root.Parse(["--help"]);
        result.InvocationConfiguration.Output = output;
        Assert.Equal(0, await result.InvokeAsync());
        Assert.Contains("demo", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("facets", root.Subcommands.Single(c => c.Name == "demo").Subcommands.Select(c => c.Name));
    }
}
