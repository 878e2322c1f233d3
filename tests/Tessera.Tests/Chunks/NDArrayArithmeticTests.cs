using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Tessera.Tests.Chunks;

public class NDArrayArithmeticTests
{
    [Fact]
    public void BinaryOpsWithBroadcastingAndViewsMatchLoops()
    {
        var r = new Random(42);
        for (var iter = 0; iter < 200; iter++)
        {
            var shape = Ref.RandomShape(r, maxDims: 4, maxDim: 5);
            var pshape = Ref.BroadcastPartner(r, shape);
            var ad = Ref.RandomLongs(r, Ref.Size(shape));
            var bd = Ref.RandomLongs(r, Ref.Size(pshape)).Select(x => x == 0 ? 1 : x).ToArray();
            using var baseA = NDArray.Wrap(ad, shape);

            // Sometimes operate on a reversed view, to exercise negative strides.
            var reversed = r.Next(2) == 0;
            using var a = reversed ? baseA[SliceSpec.Every(-1)] : baseA.Slice();
            long A(long[] idx)
            {
                var src = (long[])idx.Clone();
                if (reversed)
                {
                    src[0] = shape[0] - 1 - src[0];
                }

                return ad[Ref.Flat(src, shape)];
            }

            using var b = NDArray.Wrap(bd, pshape);
            bool swap = r.Next(2) == 0;
            using var sum = swap ? b + a : a + b;
            using var diff = swap ? b - a : a - b;
            using var prod = a * b;
            using var quot = a / b;
            using var rem = a % b;
            using var lt = a.Less(b);
            using var eq = a.Equal(b);
            using var mx = a.Maximum(b);
            Assert.Equal(shape, sum.Shape.ToArray());
            foreach (var idx in Ref.Indices(shape))
            {
                var x = A(idx);
                var y = bd[Ref.BroadcastFlat(idx, pshape)];
                Assert.Equal(x + y, sum[idx]);
                Assert.Equal(swap ? y - x : x - y, diff[idx]);
                Assert.Equal(x * y, prod[idx]);
                Assert.Equal(x / y, quot[idx]);
                Assert.Equal(x % y, rem[idx]);
                Assert.Equal(x < y, lt[idx]);
                Assert.Equal(x == y, eq[idx]);
                Assert.Equal(Math.Max(x, y), mx[idx]);
            }
        }
    }

    [Fact]
    public void ScalarOperatorsBothSides()
    {
        using var a = NDArray.Arange<double>(4);
        using var p1 = a + 1.5;
        using var p2 = 10.0 - a;
        using var p3 = 2 * a;
        using var p4 = a / 2;
        using var p5 = 1.0 / (a + 1);
        using var n = -a;
        Assert.Equal(new[] { 1.5, 2.5, 3.5, 4.5 }, p1.ToArray());
        Assert.Equal(new[] { 10.0, 9, 8, 7 }, p2.ToArray());
        Assert.Equal(new[] { 0.0, 2, 4, 6 }, p3.ToArray());
        Assert.Equal(new[] { 0, 0.5, 1, 1.5 }, p4.ToArray());
        Assert.Equal(new[] { 1, 0.5, 1 / 3.0, 0.25 }, p5.ToArray());
        Assert.Equal(new[] { -0.0, -1, -2, -3 }, n.ToArray());
    }

    private static NDArray<long> MyF(int i) => i * NDArray.Ones<long>(16, 16);

    [Fact]
    public void IntScalarTimesLongArrayCompilesAndIsInt64()
    {
        using var x = MyF(45);
        Assert.Equal("int64", x.DType);
        Assert.Equal(45 * 256, x.SumAll());
        int i = 3;
        using var ones = NDArray.Ones<long>(2);
        using var y = (long)i * ones;
        Assert.Equal(new long[] { 3, 3 }, y.ToArray());
        using var z = ones * i;
        Assert.Equal(new long[] { 3, 3 }, z.ToArray());
    }

    [Fact]
    public void InPlaceAccumulation()
    {
        using var acc = NDArray.Zeros<long>(3, 4);
        using var row = NDArray.Arange<long>(4);
        for (var k = 0; k < 5; k++)
        {
            acc.AddInPlace(row);
        }

        acc.MultiplyInPlace(2);
        acc.AddInPlace(1);
        Assert.Equal(new long[] { 1, 11, 21, 31 }, acc.Slice(0).ToArray());
        using var other = NDArray.Full(100L, 3, 4);
        acc.SubtractInPlace(other);
        acc.MaximumInPlace(NDArray.Full(-80L, 4));
        Assert.Equal(new long[] { -80, -80, -79, -69 }, acc.Slice(2).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => row.AddInPlace(acc));
        Assert.Contains("AddInPlace", ex.Message);
    }

    [Fact]
    public void BroadcastMismatchNamesOperationAndShapes()
    {
        using var a = NDArray.Zeros<int>(3, 4);
        using var b = NDArray.Zeros<int>(3);
        var ex = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("Add", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(3,)", ex.Message);
    }

    [Fact]
    public void BoolArithmeticIsRejectedButLogicWorks()
    {
        using var t = NDArray.Wrap(new[] { true, false, true, false });
        using var u = NDArray.Wrap(new[] { true, true, false, false });
        var ex = Assert.Throws<NotSupportedException>(() => t + u);
        Assert.Contains("bool", ex.Message);
        Assert.Throws<NotSupportedException>(() => t.Sum());
        using var and = NDArray.LogicalAnd(t, u);
        using var or = NDArray.LogicalOr(t, u);
        using var xor = NDArray.LogicalXor(t, u);
        using var not = NDArray.LogicalNot(t);
        using var eq = t.Equal(u);
        Assert.Equal(new[] { true, false, false, false }, and.ToArray());
        Assert.Equal(new[] { true, true, true, false }, or.ToArray());
        Assert.Equal(new[] { false, true, true, false }, xor.ToArray());
        Assert.Equal(new[] { false, true, false, true }, not.ToArray());
        Assert.Equal(new[] { true, false, false, true }, eq.ToArray());
        Assert.True(t.AnyAll());
        Assert.False(t.AllAll());
    }

    [Property(MaxTest = 100)]
    public Property AddThenSubtractRoundTrips(NonEmptyArray<int> xs, int k) => Prop.ToProperty(Check(xs.Get, k));

    private static bool Check(int[] xs, int k)
    {
        var data = xs.Select(x => (long)x).ToArray();
        using var a = NDArray.Wrap(data);
        using var b = a + k;
        using var c = b - k;
        using var d = b.Sum();
        return NDArray.ArrayEqual(a, c) && d[Array.Empty<long>()] == data.Sum() + ((long)k * data.Length);
    }
}
