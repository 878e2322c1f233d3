using Tessera.Cli.Demos;

namespace Tessera.Cli.Tests.Demos;

public sealed class FacetsClusterDemoTests
{
    [Fact]
    public async Task ReferenceJobRunsOnALocalClusterOfWorkerProcesses()
    {
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        int code = await FacetsDemo.RunAsync(new FacetsDemoOptions(Size: 256, Facets: 10, Chunk: 64, Threads: null, Full: true, Workers: 2, ThreadsPerWorker: 1, MemoryLimit: "1GiB"), output, timeout.Token);
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("LocalCluster('tls://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("workers=2, threads=2", text, StringComparison.Ordinal);
        Assert.Contains("<Client: 'tls://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("160 chunks in 22 graph layers", text, StringComparison.Ordinal);
        Assert.Contains("] 100% |", text, StringComparison.Ordinal);
        Assert.Contains("stack 10/10", text, StringComparison.Ordinal);
        Assert.Contains("[45, 45, 45, 45, 45, 45, 45, 45, 45, 45,", text, StringComparison.Ordinal);
        Assert.Contains("full sum computed in", text, StringComparison.Ordinal);
    }
}
