using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class ConcurrentShippingTests
{
    [Fact]
    public void OneShipperAndLoaderServeManyThreads()
    {
        var shipper = new CodeShipper();
        TaskFunction function = MakeFunction(3);
        Parallel.For(0, 200, i =>
        {
            TaskFunction back = CodeLoader.Default.DecodeFunction(shipper.EncodeFunction(function));
            TaskArg[] args = CodeLoader.Default.DecodeArgs(shipper.EncodeArgs([TaskArg.Literal(i), TaskArg.Literal(new Point(0.5, 0, ["t"]))]));
            Assert.Equal(i + 3.5, back.Invoke([args[0].Value, args[1].Value]));
        });
        Assert.Contains(shipper.TakeNewAssemblies(), a => a.FullName.StartsWith("Tessera.Distributed.Tests,", StringComparison.Ordinal));
    }

    // A separate method: a lambda in the test body would share its display class with 'shipper', and so capture it.
    private static TaskFunction MakeFunction(int k) => TaskFunction.Create<int, Point, double>((x, p) => x + p.X + k);
}
