using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class DelegateShippingTests
{
    private readonly int _bias = 100;

    [Fact]
    public void StaticMethod()
    {
        TaskFunction back = ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(Twice));
        Assert.Equal("Twice", back.Name);
        Assert.Equal(1, back.Arity);
        Assert.Equal(42, back.Invoke([21]));
    }

    [Fact]
    public void LambdaWithoutCaptures()
    {
        TaskFunction back = ShippingAssert.RoundTrip(TaskFunction.Create<int, int, int>((a, b) => a + b, "add"));
        Assert.Equal("add", back.Name);
        Assert.Equal(5, back.Invoke([2, 3]));
    }

    [Fact]
    public void ClosureOverLocals()
    {
        int k = 5;
        string prefix = "v=";
        var list = new List<double> { 0.5 };
        TaskFunction back = ShippingAssert.RoundTrip(TaskFunction.Create<int, string>(x => prefix + (x + k + list[0])));
        Assert.Equal("v=7.5", back.Invoke([2]));
    }

    [Fact]
    public void ClosureReferringBackToItsOwnTaskFunction()
    {
        // The array lowering does this: a function made from one lambda, captured by another lambda of the same method.
        long[] shape = [3, 4];
        TaskFunction check = TaskFunction.Create<int, long>(x => x * shape[1], "check");
        Func<int, TaskFunction> pick = _ => check;
        TaskFunction back = ShippingAssert.RoundTrip(check);
        Assert.Equal(8L, back.Invoke([2]));
        Assert.NotNull(pick(0));
    }

    [Fact]
    public void ClosureOverThisWithPrivateFields()
    {
        TaskFunction back = ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(x => x + _bias));
        Assert.Equal(101, back.Invoke([1]));

        var scaler = new Scaler(3);
        Assert.Equal(31, ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(scaler.Apply)).Invoke([10]));
        Assert.Equal(32, ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(scaler.MakeClosure())).Invoke([10]));
    }

    [Fact]
    public void GenericMethodsAndGenericClosures()
    {
        Assert.Equal("x", ShippingAssert.RoundTrip(TaskFunction.Create<string, string>(Echo)).Invoke(["x"]));
        TaskFunction repeat = ShippingAssert.RoundTrip(TaskFunction.Create(Repeat<Point>(2)));
        var p = new Point(1, 2, []);
        var result = (Point[])repeat.Invoke([p])!;
        Assert.Equal(2, result.Length);
    }

    [Fact]
    public void LocalFunction()
    {
        int offset = 7;
        int Shift(int x) => x + offset;
        TaskFunction back = ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(Shift));
        Assert.Equal("Shift", back.Name);
        Assert.Equal(8, back.Invoke([1]));
    }

    [Fact]
    public void NestedAndRecursiveDelegates()
    {
        Func<int, int> inner = x => x + 1;
        Assert.Equal(3, ShippingAssert.RoundTrip(TaskFunction.Create<int, int>(x => inner(inner(x)))).Invoke([1]));

        Func<int, int> fact = null!;
        fact = n => n <= 1 ? 1 : n * fact(n - 1);
        Assert.Equal(120, ShippingAssert.RoundTrip(TaskFunction.Create(fact)).Invoke([5]));
    }

    [Fact]
    public void MulticastDelegateKeepsItsInvocationList()
    {
        Action<List<int>> both = l => l.Add(1);
        both += l => l.Add(2);
        var back = ShippingAssert.RoundTrip(both);
        var seen = new List<int>();
        back(seen);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void IdentityAndCustomInvokers()
    {
        Assert.Same(TaskFunction.Identity, ShippingAssert.RoundTrip(TaskFunction.Identity));
        var sum = TaskFunction.FromInvoker("sum", (Func<int, int>)Twice, static a => (int)a[0]! + (int)a[1]!);
        TaskFunction back = ShippingAssert.RoundTrip(sum);
        Assert.Equal(-1, back.Arity);
        Assert.Equal(7, back.Invoke([3, 4]));
    }

    [Fact]
    public void FrameworkStaticMethodOnTheAllowListShips()
    {
        Func<double, double> sqrt = Math.Sqrt;
        Assert.Equal(3.0, ShippingAssert.RoundTrip(sqrt)(9));
    }

    [Fact]
    public void EncodedAssembliesAreReportedOnceWithoutFrameworkOrTessera()
    {
        var shipper = new CodeShipper();
        int k = 1;
        shipper.EncodeFunction(TaskFunction.Create<int, int>(x => x + k));
        var first = shipper.TakeNewAssemblies();
        Assert.Contains(first, a => a.FullName.StartsWith("Tessera.Distributed.Tests,", StringComparison.Ordinal));
        Assert.DoesNotContain(first, a => a.FullName.StartsWith("Tessera,", StringComparison.Ordinal)
            || a.FullName.StartsWith("Tessera.Distributed,", StringComparison.Ordinal)
            || a.FullName.StartsWith("System.", StringComparison.Ordinal));
        Assert.All(first, a => Assert.Equal(CodeShipper.Hash(a.Bytes), a.Hash));
        Assert.Matches("^[0-9a-f]{64}$", first[0].Hash);
        shipper.EncodeFunction(TaskFunction.Create<int, int>(x => x + k + 1));
        Assert.Empty(shipper.TakeNewAssemblies());
    }

    private static int Twice(int x) => x * 2;

    private static T Echo<T>(T x) => x;

    private static Func<T, T[]> Repeat<T>(int n) => x => Enumerable.Repeat(x, n).ToArray();
}
