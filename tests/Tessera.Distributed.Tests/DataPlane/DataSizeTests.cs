using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

public sealed class DataPlaneDataSizeTests
{
    [Fact]
    public void SizesOfCommonValues()
    {
        using var a = NDArray.Empty<double>(10, 20);
        using var c = NDArray.Full(1f, 1000);
        Assert.Equal(1600, DataSize.Of(a));
        Assert.Equal(4000, DataSize.Of(c));
        Assert.Equal(80, DataSize.Of(new long[10]));
        Assert.Equal(3, DataSize.Of(new bool[3]));
        Assert.Equal(10, DataSize.Of("hello"));
        Assert.Equal(0, DataSize.Of(null));
        Assert.Equal(DataSize.UnknownGuess, DataSize.Of(new object()));
        Assert.Equal(DataSize.UnknownGuess, DataSize.Of(new string[4]));
    }
}
