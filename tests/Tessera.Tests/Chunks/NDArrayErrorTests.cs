namespace Tessera.Tests.Chunks;

public class NDArrayErrorTests
{
    [Fact]
    public void NegativeShapeNamesOperationAndShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => NDArray.Zeros<int>(3, -2));
        Assert.Contains("Zeros", ex.Message);
        Assert.Contains("(3, -2)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => NDArray.Empty<int>(-1));
        Assert.Contains("Empty", ex.Message);
    }

    [Fact]
    public void OverflowingShapeIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => NDArray.Empty<long>(1L << 40, 1L << 30));
        Assert.Contains("Empty", ex.Message);
        Assert.Contains("64-bit", ex.Message);
    }

    [Fact]
    public void IndexOutOfBoundsNamesIndexAxisShape()
    {
        using var a = NDArray.Zeros<int>(3, 4);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => a[1, 4]);
        Assert.Contains("index 4", ex.Message);
        Assert.Contains("axis 1", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[-4, 0]);
        Assert.Throws<ArgumentException>(() => a[1]);
        var sex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(5));
        Assert.Contains("Slice", sex.Message);
        Assert.Contains("axis 0", sex.Message);
        Assert.Throws<ArgumentException>(() => a.Slice(0, 0, 0));
        Assert.Throws<ArgumentException>(() => SliceSpec.Range(0, 1, 0));
    }

    [Fact]
    public void CopyToShapeMismatch()
    {
        using var a = NDArray.Zeros<int>(3, 4);
        using var b = NDArray.Zeros<int>(4, 3);
        var ex = Assert.Throws<ArgumentException>(() => a.CopyTo(b));
        Assert.Contains("CopyTo", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(4, 3)", ex.Message);
    }

    [Fact]
    public void IntegerDivisionByZeroThrows()
    {
        using var a = NDArray.Ones<int>(3);
        using var z = NDArray.Zeros<int>(3);
        Assert.Throws<DivideByZeroException>(() => a / z);
    }
}
