using System.Numerics;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class ValueRoundTripTests
{
    public static TheoryData<object?> Scalars() => new()
    {
        null, true, false, (byte)200, (sbyte)-7, (short)-300, (ushort)60000, -5, 6u, -7L, long.MaxValue, ulong.MaxValue,
        'ç', 1.5f, double.NaN, -2.25, 3.5m, decimal.MaxValue, "héllo wörld", "", new string('x', 1000), (Half)1.5,
        Int128.MinValue, UInt128.MaxValue, new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc), TimeSpan.FromMilliseconds(-1234),
        Guid.NewGuid(), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)), new Complex(1, -2), ^3, 1..^2, ..,
        new Key("sum-ab12", 3, 4), new Key("plain"), DayOfWeek.Friday, Colour.Blue, SliceSpec.Range(1, 10, 2), SliceSpec.At(-1),
        typeof(int), typeof(List<string>), typeof(Point),
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ScalarsRoundTrip(object? value) => Assert.Equal(value, ShippingAssert.RoundTrip(value));

    [Fact]
    public void KeyHashIsRecomputed()
    {
        var key = new Key("x", 1, 2);
        Key back = ShippingAssert.RoundTrip(key);
        Assert.Equal(key.GetHashCode(), back.GetHashCode());
        Assert.Contains(back, new HashSet<Key> { key });
    }

    [Fact]
    public void NullableBoxesAsItsValue()
    {
        int? some = 4;
        Assert.Equal(4, ShippingAssert.RoundTrip<object?>(some));
        var r = new Reading(3, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Local), 1.25m, (7, "seven"));
        Reading back = ShippingAssert.RoundTrip(r);
        Assert.Equal(r, back);
        Assert.Equal(DateTimeKind.Local, back.When.Kind);
        Assert.Null(ShippingAssert.RoundTrip(new Reading()).Maybe);
    }

    [Fact]
    public void ArraysRoundTrip()
    {
        Assert.Equal([1, 2, 3], ShippingAssert.RoundTrip(new[] { 1, 2, 3 }));
        Assert.Equal([1.5, double.NegativeInfinity], ShippingAssert.RoundTrip(new[] { 1.5, double.NegativeInfinity }));
        Assert.Equal(new[] { "a", null, "c" }, ShippingAssert.RoundTrip(new[] { "a", null, "c" }));
        Assert.Equal([1, "two", 3.0, null], ShippingAssert.RoundTrip(new object?[] { 1, "two", 3.0, null }));
        Assert.Equal([Colour.Red, Colour.Blue], ShippingAssert.RoundTrip(new[] { Colour.Red, Colour.Blue }));
        Assert.Empty(ShippingAssert.RoundTrip(Array.Empty<string>()));
        Assert.Equal([[1], [2, 3]], ShippingAssert.RoundTrip(new[] { new[] { 1 }, new[] { 2, 3 } }));
        Assert.Equal([new KeyValuePair<string, int>("a", 1)], ShippingAssert.RoundTrip(new[] { new KeyValuePair<string, int>("a", 1) }));
        Assert.Equal([SliceSpec.All, SliceSpec.At(2)], ShippingAssert.RoundTrip(new[] { SliceSpec.All, SliceSpec.At(2) }));
    }

    [Fact]
    public void MultiDimensionalArraysRoundTrip()
    {
        int[,] grid = { { 1, 2, 3 }, { 4, 5, 6 } };
        Assert.Equal(grid, ShippingAssert.RoundTrip(grid));
        string[,,] cube = { { { "a", "b" } }, { { "c", null! } } };
        Assert.Equal(cube, ShippingAssert.RoundTrip(cube));
        Assert.Equal(new double[0, 4], ShippingAssert.RoundTrip(new double[0, 4]));
    }

    [Fact]
    public void CollectionsRoundTrip()
    {
        Assert.Equal([1, 2], ShippingAssert.RoundTrip(new List<int> { 1, 2 }));
        Assert.Equal(["x", "y"], ShippingAssert.RoundTrip(new List<string> { "x", "y" }));
        var dict = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        Assert.Equal(dict, ShippingAssert.RoundTrip(dict));
        var ci = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Key"] = 3 };
        var ciBack = ShippingAssert.RoundTrip(ci);
        Assert.Same(StringComparer.OrdinalIgnoreCase, ciBack.Comparer);
        Assert.Equal(3, ciBack["KEY"]);
        var set = new HashSet<string> { "p", "q" };
        Assert.True(set.SetEquals(ShippingAssert.RoundTrip(set)));
        var byKey = new Dictionary<Key, object?> { [new Key("k", 1)] = new List<Point>() };
        Assert.True(ShippingAssert.RoundTrip(byKey).ContainsKey(new Key("k", 1)));
        Assert.Equal(Tuple.Create(1, "a"), ShippingAssert.RoundTrip(Tuple.Create(1, "a")));
        Assert.Equal((1, "a", 2.5, (object?)null), ShippingAssert.RoundTrip((1, "a", 2.5, (object?)null)));
        Assert.Equal(new KeyValuePair<int, string>(1, "x"), ShippingAssert.RoundTrip(new KeyValuePair<int, string>(1, "x")));
    }

    [Fact]
    public void UserTypesRoundTripByAllFields()
    {
        var p = new Point(1, 2, ["t"]);
        Point pBack = ShippingAssert.RoundTrip(p);
        Assert.Equal((p.X, p.Y), (pBack.X, pBack.Y));
        Assert.Equal(p.Tags, pBack.Tags);

        var dog = new Dog("rex", 3) { Toy = new LabelledSquare(2, "ball"), Shape = new Square(3) };
        Dog back = ShippingAssert.RoundTrip(dog);
        Assert.Equal("rex", back.Name);
        Assert.Equal(3, back.Legs);
        Assert.Equal(new LabelledSquare(2, "ball"), back.Toy);
        Assert.IsType<Square>(back.Shape);
        Assert.Equal(9, back.Shape!.Area);
    }

    [Fact]
    public void SharedReferencesAndCyclesArePreserved()
    {
        var shared = new List<int> { 1 };
        var pair = new object[] { shared, shared };
        object[] back = ShippingAssert.RoundTrip(pair);
        Assert.Same(back[0], back[1]);

        var a = new Node { Name = "a" };
        var b = new Node { Name = "b", Next = a };
        a.Next = b;
        a.Payload = a;
        Node aBack = ShippingAssert.RoundTrip(a);
        Assert.Equal("b", aBack.Next!.Name);
        Assert.Same(aBack, aBack.Next.Next);
        Assert.Same(aBack, aBack.Payload);

        var selfList = new List<object>();
        selfList.Add(selfList);
        var selfBack = ShippingAssert.RoundTrip(selfList);
        Assert.Same(selfBack, selfBack[0]);
    }
}
