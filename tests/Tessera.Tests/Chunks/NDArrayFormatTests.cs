namespace Tessera.Tests.Chunks;

public class NDArrayFormatTests
{
    [Fact]
    public void LongOneDimensionalIsSummarised()
    {
        using var a = NDArray.Full(45L, 1001);
        Assert.Equal("[45, 45, 45, ..., 45, 45, 45]", a.ToString());
        using var b = NDArray.Full(45L, 1000);
        Assert.StartsWith("[45, 45, 45, 45,", b.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("...", b.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoAndThreeDimensional()
    {
        using var a = NDArray.Wrap(new long[] { 1, 2, 3, 4 }, 2, 2);
        Assert.Equal("[[1, 2],\n [3, 4]]", a.ToString());
        using var b = NDArray.Wrap(new long[] { 1, 10, 100, 2 }, 2, 2);
        Assert.Equal("[[  1,  10],\n [100,   2]]", b.ToString());
        using var c = NDArray.Arange<int>(8).Reshape(2, 2, 2);
        Assert.Equal("[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]", c.ToString());
    }

    [Fact]
    public void SummarisedTwoDimensional()
    {
        using var a = NDArray.Arange<long>(10_000).Reshape(100, 100);
        var lines = a.ToString().Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.Equal("[[   0,    1,    2, ...,   97,   98,   99],", lines[0]);
        Assert.Equal(" ...,", lines[3]);
        Assert.Equal(" [9900, 9901, 9902, ..., 9997, 9998, 9999]]", lines[6]);
    }

    [Fact]
    public void FloatsBoolsScalars()
    {
        using var f = NDArray.Wrap(new[] { 1.0, 2.5, -3.0 });
        Assert.Equal("[ 1. ,  2.5, -3. ]", f.ToString());
        using var g = NDArray.Wrap(new[] { 0.1f, 2f });
        Assert.Equal("[0.1, 2. ]", g.ToString());
        using var b = NDArray.Wrap(new[] { true, false });
        Assert.Equal("[ True, False]", b.ToString());
        using var s = NDArray.Scalar(7L);
        Assert.Equal("7", s.ToString());
        using var e = NDArray.Zeros<int>(0);
        Assert.Equal("[]", e.ToString());
        using var n = NDArray.Wrap(new[] { double.NaN, double.PositiveInfinity });
        Assert.Equal("[nan, inf]", n.ToString());
    }

    [Fact]
    public void LongRowsWrapAt75Characters()
    {
        using var a = NDArray.Arange<long>(100);
        var lines = a.ToString().Split('\n');
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(l.Length <= 75, l));
        Assert.StartsWith(" ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void DisposedArrayPrintsPlaceholder()
    {
        var a = NDArray.Zeros<int>(2);
        a.Dispose();
        Assert.Equal("<disposed int32 array of shape (2,)>", a.ToString());
    }
}
