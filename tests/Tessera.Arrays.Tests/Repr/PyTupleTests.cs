namespace Tessera.Arrays.Tests.Repr;

public class PyTupleTests
{
    [Fact]
    public void Formats_like_python()
    {
        Assert.Equal("()", PyTuple.Format([]));
        Assert.Equal("(5,)", PyTuple.Format([5]));
        Assert.Equal("(10, 16384, 16384)", PyTuple.Format([10, 16384, 16384]));
    }
}
