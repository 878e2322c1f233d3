using Tessera.Graphs;

namespace Tessera.Tests.Graphs;

public class KeyTests
{
    [Fact]
    public void Equality_IsByValue()
    {
        var a = new Key("sum-ab12", 3, 4);
        var b = new Key(new string("sum-ab12".ToCharArray()), 3, 4);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new Key("sum-ab12", 4, 3));
        Assert.NotEqual(a, new Key("sum-ab12", 3));
        Assert.NotEqual(new Key("x"), new Key("y"));
        Assert.Equal(new Key("x"), new Key("x", []));
    }

    [Fact]
    public void ToString_LooksLikeDask()
    {
        Assert.Equal("('sum-ab12', 0, 3)", new Key("sum-ab12", 0, 3).ToString());
        Assert.Equal("MyF-3f2a", new Key("MyF-3f2a").ToString());
    }

    [Fact]
    public void Index_IsCopied()
    {
        int[] idx = [1, 2];
        var k = new Key("a", idx);
        idx[0] = 9;
        Assert.Equal(1, k.Index[0]);
        Assert.Equal(2, k.Rank);
    }

    [Fact]
    public void EmptyName_Throws() => Assert.Throws<ArgumentException>(() => new Key(""));

    [Fact]
    public void Default_IsDetectable() => Assert.True(default(Key).IsDefault);
}
