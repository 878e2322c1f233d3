using Tessera.Arrays;

namespace Tessera.Distributed.Tests.Shipping;

/// <summary>Every array operation's lowered graph ships to a worker and gives the local result.</summary>
public sealed class ArrayGraphShippingTests
{
    public static TheoryData<string> Cases => new(
        "ones-sum", "full-mean", "arange-rechunk", "elementwise", "slice-step", "stack-sum-row", "concatenate-max", "from-delayed", "map-blocks", "from-array");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ShippedGraphGivesTheLocalResult(string name)
    {
        DArray<double> build() => name switch
        {
            "ones-sum" => DArray.Ones<double>([40, 30], 7).Sum(),
            "full-mean" => DArray.Full(2.5, [12, 9], 4).Mean(axis: 0),
            "arange-rechunk" => DArray.Arange<double>(100, 9).Rechunk(13),
            "elementwise" => (DArray.Arange<double>(50, 8) * 3.0) + DArray.Ones<double>([50], 5) - 1.0,
            "slice-step" => DArray.Arange<double>(90, 11)[SliceSpec.Range(80, 3, -3)],
            "stack-sum-row" => DArray.Stack([DArray.Ones<double>([16, 16], 5), DArray.Full(3.0, [16, 16], 5)], axis: 0).Rechunk([1, 4, 4]).Sum(axis: 0)[0, ..],
            "concatenate-max" => DArray.Concatenate([DArray.Arange<double>(20, 6), DArray.Full(7.0, [9], 4)], axis: 0).Max(),
            "from-delayed" => DArray.FromDelayed(Delayed.Call(static (int n) => NDArray.Full(1.5, n, n), 10), shape: [10, 10]).Sum(axis: 1),
            "map-blocks" => DArray.Arange<double>(30, 7).MapBlocks(static b => b * 2.0),
            "from-array" => DArray.FromArray(NDArray.Arange<double>(24), 5) + 1.0,
            _ => throw new ArgumentException(name),
        };

        using NDArray<double> local = await build().ComputeAsync();
        NDArray<double> shipped;
        using (Scheduler.Use(new ShippingScheduler()))
        {
            shipped = await build().ComputeAsync();
        }

        using (shipped)
        {
            Assert.True(NDArray.AllClose(local, shipped), $"{name}: {shipped} != {local}");
        }
    }

    public static TheoryData<string> SourceCases => new("sum", "mean-axis", "rechunk", "elementwise", "slice", "stack-sum", "concatenate-max", "map-blocks", "sum-keepdims", "persisted-sum");

    /// <summary>
    /// Kernels ship without the expression they were lowered from: a function built from a 1 MiB
    /// in-memory array must not carry that array (or any node of the expression) to every worker.
    /// </summary>
    [Theory]
    [MemberData(nameof(SourceCases))]
    public async Task FunctionsShipWithoutTheArraysTheyWereBuiltFrom(string name)
    {
        using NDArray<double> dense = NDArray.Arange<double>(1 << 17).Reshape(256, 512);
        var x = DArray.FromArray(dense, new long[] { 64, 128 });
        DArray<double> build() => name switch
        {
            "sum" => x.Sum(),
            "mean-axis" => x.Mean(axis: 0),
            "rechunk" => x.Rechunk([100, 100]),
            "elementwise" => (x * 3.0) + 1.0,
            "slice" => x[3..200, ..],
            "stack-sum" => DArray.Stack([x, x], axis: 0).Rechunk([1, 64, 64]).Sum(axis: 0),
            "concatenate-max" => DArray.Concatenate([x, x], axis: 0).Max(),
            "map-blocks" => x.MapBlocks(static b => b * 2.0),
            "sum-keepdims" => x.Sum(axis: 1, keepDims: true),
            "persisted-sum" => x.Persist().Sum(axis: 0),
            _ => throw new ArgumentException(name),
        };

        var scheduler = new ShippingScheduler();
        using NDArray<double> local = await build().ComputeAsync();
        NDArray<double> shipped;
        using (Scheduler.Use(scheduler))
        {
            shipped = await build().ComputeAsync();
        }

        using (shipped)
        {
            Assert.True(NDArray.AllClose(local, shipped), $"{name}: {shipped} != {local}");
        }

        Assert.True(scheduler.LargestFunction.Bytes < 16 * 1024, $"{name}: function '{scheduler.LargestFunction.Name}' encodes to {scheduler.LargestFunction.Bytes} bytes");
    }
}
