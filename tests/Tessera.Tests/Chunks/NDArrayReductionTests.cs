namespace Tessera.Tests.Chunks;

public class NDArrayReductionTests
{
    [Fact]
    public void RandomAxisReductionsMatchLoops()
    {
        var r = new Random(7);
        for (var iter = 0; iter < 300; iter++)
        {
            var shape = Ref.RandomShape(r, maxDims: 4, maxDim: 5);
            var data = Ref.RandomLongs(r, Ref.Size(shape)).Select(x => x == 0 ? 1 : x % 4).ToArray();
            using var baseA = NDArray.Wrap(data, shape);
            var transposed = r.Next(2) == 0;
            using var a = transposed ? baseA.Transpose() : baseA.Slice();
            var ashape = a.Shape.ToArray();
            var axes = Enumerable.Range(0, ashape.Length).Where(_ => r.Next(2) == 0).ToArray();
            var keepDims = r.Next(2) == 0;
            var useNull = axes.Length == ashape.Length && r.Next(2) == 0;
            using var sum = a.Sum(useNull ? null : axes, keepDims);
            using var prod = a.Prod(axes, keepDims);
            using var min = a.Min(axes, keepDims);
            using var max = a.Max(axes, keepDims);
            using var mean = a.Mean(axes, keepDims);
            using var any = a.Greater(2L).Any(axes, keepDims);
            using var all = a.Greater(-3L).All(axes, keepDims);

            var outShape = keepDims
                ? ashape.Select((d, i) => axes.Contains(i) ? 1L : d).ToArray()
                : ashape.Where((_, i) => !axes.Contains(i)).ToArray();
            Assert.Equal(outShape, sum.Shape.ToArray());
            Assert.Equal(outShape, any.Shape.ToArray());
            var groups = new Dictionary<long, List<long>>();
            foreach (var idx in Ref.Indices(ashape))
            {
                var kept = keepDims ? idx.Select((v, i) => axes.Contains(i) ? 0 : v).ToArray() : idx.Where((_, i) => !axes.Contains(i)).ToArray();
                var key = Ref.Flat(kept, outShape);
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(a[idx]);
            }

            var s = sum.ToArray();
            var p = prod.ToArray();
            var mn = min.ToArray();
            var mx = max.ToArray();
            var me = mean.ToArray();
            var an = any.ToArray();
            var al = all.ToArray();
            foreach (var (key, list) in groups)
            {
                Assert.Equal(list.Sum(), s[key]);
                Assert.Equal(list.Aggregate(1L, (x, y) => x * y), p[key]);
                Assert.Equal(list.Min(), mn[key]);
                Assert.Equal(list.Max(), mx[key]);
                Assert.Equal(list.Average(), me[key], 1e-12);
                Assert.Equal(list.Any(x => x > 2), an[key]);
                Assert.Equal(list.All(x => x > -3), al[key]);
            }
        }
    }

    [Fact]
    public void WholeArrayScalars()
    {
        using var a = NDArray.Arange<long>(1, 11, 1);
        Assert.Equal(55, a.SumAll());
        Assert.Equal(3628800, a.ProdAll());
        Assert.Equal(1, a.MinAll());
        Assert.Equal(10, a.MaxAll());
        Assert.Equal(5.5, a.MeanAll());
        Assert.True(a.AnyAll());
        Assert.True(a.AllAll());
        using var f = NDArray.Arange<float>(1000).Reshape(10, 100);
        using var cols = f.Sum(0);
        Assert.Equal(100, cols.Size);
        Assert.Equal(Enumerable.Range(0, 10).Sum(i => (i * 100) + 7), cols[7]);
        using var rows = f.Sum(1, keepDims: true);
        Assert.Equal(new long[] { 10, 1 }, rows.Shape.ToArray());
    }

    [Fact]
    public void EmptyReductions()
    {
        using var e = NDArray.Zeros<long>(0, 3);
        using var s = e.Sum(0);
        Assert.Equal(new long[] { 0, 0, 0 }, s.ToArray());
        using var p = e.Prod(0);
        Assert.Equal(new long[] { 1, 1, 1 }, p.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => e.Max(0));
        Assert.Contains("Max", ex.Message);
        Assert.False(e.AnyAll());
        Assert.True(e.AllAll());
        Assert.True(double.IsNaN(e.MeanAll()));
    }

    [Fact]
    public void AxisOutOfRangeNamesAxisAndNDim()
    {
        using var a = NDArray.Zeros<int>(2, 3);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Sum(2));
        Assert.Contains("axis 2", ex.Message);
        Assert.Contains("ndim 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Max([-3]));
        Assert.Throws<ArgumentException>(() => a.Sum([0, 0]));
        using var neg = a.Sum(-1);
        Assert.Equal(new long[] { 2 }, neg.Shape.ToArray());
    }

    [Fact]
    public void FloatReductionsUseNaNPropagationAndPrecision()
    {
        var data = Enumerable.Range(0, 10_000).Select(i => (double)i / 7).ToArray();
        using var a = NDArray.Wrap(data, 100, 100);
        Assert.Equal(data.Sum(), a.SumAll(), 1e-6);
        using var t = a.Transpose();
        using var s0 = t.Sum(0);
        using var s1 = a.Sum(1);
        Assert.True(NDArray.AllClose(s0, s1));
    }
}
