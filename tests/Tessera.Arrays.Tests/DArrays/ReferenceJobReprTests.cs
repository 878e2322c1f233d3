namespace Tessera.Arrays.Tests.DArrays;

/// <summary>The reprs of the reference job's arrays at full size, without computing anything.</summary>
public class ReferenceJobReprTests
{
    private const long N = 16384;

    private static DArray<long> Stacked() =>
        DArray.Stack(Enumerable.Range(0, 10).Select(i =>
            DArray.FromDelayed(Delayed.Call(k => k * NDArray.Ones<long>(N, N), (long)i), [N, N])));

    private static void Contains(string text, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stacked_facets()
    {
        var x = Stacked();
        Contains(x.ToString(), "20.00 GiB", "2.00 GiB", "(10, 16384, 16384)", "(1, 16384, 16384)", "10 chunks in 21 graph layers", "int64");
    }

    [Fact]
    public void Rechunked()
    {
        var x = Stacked().Rechunk(1, 4096, 4096);
        Contains(x.ToString(), "20.00 GiB", "128.00 MiB", "(10, 16384, 16384)", "(1, 4096, 4096)", "160 chunks in 22 graph layers", "int64");
    }

    [Fact]
    public void Summed()
    {
        var x = Stacked().Rechunk(1, 4096, 4096).Sum(0);
        Contains(x.ToString(), "2.00 GiB", "128.00 MiB", "(16384, 16384)", "(4096, 4096)", "int64");
        Assert.DoesNotContain("20.00 GiB", x.ToString(), StringComparison.Ordinal);
        var row = x[0, ..];
        Contains(row.ToString(), "128.00 kiB", "(16384,)", "(4096,)");
    }

    [Fact]
    public void Html_has_an_svg()
    {
        var html = Stacked().Rechunk(1, 4096, 4096).ToHtml();
        Contains(html, "<svg", "20.00 GiB", "160 chunks");
    }
}
