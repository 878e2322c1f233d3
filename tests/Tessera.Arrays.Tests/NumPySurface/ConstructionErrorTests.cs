namespace Tessera.Arrays.Tests.NumPySurface;

/// <summary>What can be known when an expression is built fails then, naming the shapes or dtype and the fix.</summary>
public class ConstructionErrorTests
{
    [Fact]
    public void Shapes_that_do_not_broadcast_fail_when_built()
    {
        var a = DArray.Ones<double>([4, 3], 2);
        var b = DArray.Ones<double>([4, 2], 2);
        var e = Assert.Throws<ArgumentException>(() => DArray.Where(a > 0, a, b));
        Assert.Contains("(4, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 2)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DArray.Minimum(a, b));
        Assert.Throws<ArgumentException>(() => a.Less(b));
    }

    [Fact]
    public void Operations_a_dtype_does_not_have_fail_when_built()
    {
        var flags = DArray.Ones<bool>([3], 2);
        var e = Assert.Throws<NotSupportedException>(() => DArray.Abs(flags));
        Assert.Contains("bool", e.Message, StringComparison.Ordinal);
        Assert.Contains("AsType", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => flags.Var());
        Assert.Throws<NotSupportedException>(() => DArray.Clip(flags, true, null));
        var ints = DArray.Ones<int>([3], 2);
        var power = Assert.Throws<ArgumentException>(() => DArray.Power(ints, -1));
        Assert.Contains("negative integer powers", power.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DArray.Zeros<double>([0, 3], 2).Min(axis: 0));
        Assert.Throws<ArgumentException>(() => DArray.Zeros<double>([0], 2).ArgMax());
        Assert.Throws<ArgumentOutOfRangeException>(() => DArray.Random(1).Normal(0, -1, [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DArray.Random(1).Integers(5, 5, [3]));
    }
}
