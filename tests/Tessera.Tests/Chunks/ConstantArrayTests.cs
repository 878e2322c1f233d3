using Tessera.Tests.Chunks.Memory;

namespace Tessera.Tests.Chunks;

/// <summary>Copy-on-write constant arrays (Ones/Zeros/Full/Scalar): reads stay O(1) in memory, writes and views materialise.</summary>
public class ConstantArrayTests
{
    private static readonly long[] Contiguous45 = [5, 1];

    [Fact]
    public void ConstantsReadAsTheirValue()
    {
        using var z = NDArray.Zeros<long>(3, 4);
        Assert.True(z.IsConstant);
        Assert.True(z.IsContiguous);
        Assert.Equal(new long[] { 0, 0 }, z.Strides.ToArray());
        Assert.True(z.Storage.IsUnowned);
        Assert.Equal(8, z.Storage.ByteLength);
        Assert.All(z.ToArray(), v => Assert.Equal(0, v));

        using var o = NDArray.Ones<double>(2, 3);
        Assert.Equal(1.0, o[1, 2]);
        Assert.Equal(1.0, o[-1, -3]);
        Assert.Equal(new double[,] { { 1, 1, 1 }, { 1, 1, 1 } }, o.ToArray2D());

        using var f = NDArray.Full(7, 2, 2);
        using var fm = NDArray.FromArray(new[] { 7, 7, 7, 7 }, 2, 2);
        Assert.Equal(fm.ToString(), f.ToString());
        Assert.True(NDArray.ArrayEqual(f, fm));

        using var b = NDArray.Ones<bool>(3);
        Assert.Equal(new[] { true, true, true }, b.ToArray());

        using var s = NDArray.Scalar(3.5);
        Assert.True(s.IsConstant);
        Assert.Equal(3.5, s.ToScalar());
        Assert.Equal(3.5, s[Array.Empty<long>()]);

        using var empty = NDArray.Ones<int>(0, 3);
        Assert.False(empty.IsConstant);
        Assert.Empty(empty.ToArray());

        Assert.Throws<ArgumentOutOfRangeException>(() => o[2, 0]);
        Assert.Throws<ArgumentException>(() => o[0]);
        Assert.True(z.IsConstant && o.IsConstant && f.IsConstant && b.IsConstant);
    }

    [Fact]
    public void PureReadsDoNotMaterialise()
    {
        using var a = NDArray.Full(3L, 4, 5);
        using var c = a.Copy();
        using var t = a.AsType<double>();
        using var target = NDArray.Empty<long>(4, 5);
        a.CopyTo(target);
        using var m = NDArray.Map(a, x => x + 1);
        using var m2 = NDArray.Map(a, a, (x, y) => x * y);
        using var sum = a + a;
        using var prod = 2L * a;
        using var neg = -a;
        using var eq = a.Equal(a);
        using var lt = a.Less(4L);
        using var ar = NDArray.Arange<long>(5);
        using var mixed = a + ar;
        _ = a.ToString();
        _ = a.ToArray();
        Assert.True(NDArray.ArrayEqual(a, c));
        Assert.True(a.OwnsBuffer);
        Assert.Same(a, a.Compact());

        Assert.True(a.IsConstant);
        Assert.False(c.IsConstant);
        Assert.Equal(Contiguous45, c.Strides.ToArray());
        Assert.All(c.ToArray(), v => Assert.Equal(3, v));
        Assert.All(t.ToArray(), v => Assert.Equal(3.0, v));
        Assert.All(target.ToArray(), v => Assert.Equal(3, v));
        Assert.All(m.ToArray(), v => Assert.Equal(4, v));
        Assert.All(m2.ToArray(), v => Assert.Equal(9, v));
        Assert.All(sum.ToArray(), v => Assert.Equal(6, v));
        Assert.All(prod.ToArray(), v => Assert.Equal(6, v));
        Assert.All(neg.ToArray(), v => Assert.Equal(-3, v));
        Assert.All(eq.ToArray(), Assert.True);
        Assert.All(lt.ToArray(), Assert.True);
        using (var row0 = mixed.Slice(0))
        {
            Assert.Equal(new long[] { 3, 4, 5, 6, 7 }, row0.ToArray());
        }

        Assert.False(sum.IsConstant); // arithmetic results are ordinary arrays
        Assert.False(prod.IsConstant);

        using var bools = NDArray.Ones<bool>(3);
        using var notB = NDArray.LogicalNot(bools);
        using var andB = NDArray.LogicalAnd(bools, bools);
        Assert.All(notB.ToArray(), Assert.False);
        Assert.All(andB.ToArray(), Assert.True);
        Assert.True(bools.AllAll());
        Assert.True(bools.IsConstant);
    }

    public static TheoryData<string> Writes => new()
    {
        "indexer", "fill", "copyFrom", "addInPlaceArray", "addInPlaceScalar", "multiplyInPlace", "divideInPlace",
        "minimumInPlace", "pointer", "asSpan", "getSegment", "copyFromSelf", "addSelf",
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public unsafe void WritesMaterialiseOnlyThatArray(string write)
    {
        using var a = NDArray.Full(3L, 4, 5);
        using var other = NDArray.Full(3L, 4, 5);
        using var row = NDArray.Arange<long>(5);
        long[] expected = [.. Enumerable.Repeat(3L, 20)];
        switch (write)
        {
            case "indexer":
                a[1, 2] = 9;
                expected[7] = 9;
                break;
            case "fill":
                a.Fill(8);
                expected = [.. Enumerable.Repeat(8L, 20)];
                break;
            case "copyFrom":
                a.CopyFrom(row);
                expected = [.. Enumerable.Range(0, 20).Select(i => (long)(i % 5))];
                break;
            case "addInPlaceArray":
                a.AddInPlace(row);
                expected = [.. Enumerable.Range(0, 20).Select(i => 3L + (i % 5))];
                break;
            case "addInPlaceScalar":
                a.AddInPlace(2L);
                expected = [.. Enumerable.Repeat(5L, 20)];
                break;
            case "multiplyInPlace":
                a.MultiplyInPlace(other);
                expected = [.. Enumerable.Repeat(9L, 20)];
                break;
            case "divideInPlace":
                a.DivideInPlace(3L);
                expected = [.. Enumerable.Repeat(1L, 20)];
                break;
            case "minimumInPlace":
                a.MinimumInPlace(row);
                expected = [.. Enumerable.Range(0, 20).Select(i => Math.Min(3L, i % 5))];
                break;
            case "pointer":
                a.Pointer[19] = -1;
                expected[19] = -1;
                break;
            case "asSpan":
                a.AsSpan()[0] = -2;
                expected[0] = -2;
                break;
            case "getSegment":
                a.GetSegment(0)[4] = -3;
                expected[4] = -3;
                break;
            case "copyFromSelf":
                a.CopyFrom(a);
                break;
            case "addSelf":
                a.AddInPlace(a);
                expected = [.. Enumerable.Repeat(6L, 20)];
                break;
        }

        Assert.False(a.IsConstant);
        Assert.Equal(Contiguous45, a.Strides.ToArray());
        Assert.False(a.Storage.IsUnowned);
        Assert.Equal(expected, a.ToArray());
        Assert.True(other.IsConstant);
        Assert.All(other.ToArray(), v => Assert.Equal(3, v));
    }

    public static TheoryData<string> ViewKinds => new()
    {
        "slice", "indexer", "reshape", "transpose", "squeeze", "expandDims", "broadcastTo", "reinterpret",
    };

    [Theory]
    [MemberData(nameof(ViewKinds))]
    public void ViewsMaterialiseAndShareMemoryWithTheBase(string kind)
    {
        using var a = NDArray.Ones<long>(1, 4, 5);
        switch (kind)
        {
            case "slice":
                using (var v = a.Slice(0, SliceSpec.Range(1, 3)))
                {
                    v[0, 0] = 7; // a[0, 1, 0]
                }

                break;
            case "indexer":
                using (var v = a[0, SliceSpec.All, SliceSpec.Every(2)])
                {
                    v[1, 1] = 7; // a[0, 1, 2]
                    Assert.Equal(1, a[0, 1, 0]);
                    a[0, 1, 0] = 7;
                }

                break;
            case "reshape":
                using (var v = a.Reshape(20))
                {
                    v[5] = 7;
                }

                break;
            case "transpose":
                using (var v = a.Transpose())
                {
                    v[0, 1, 0] = 7;
                }

                break;
            case "squeeze":
                using (var v = a.Squeeze())
                {
                    v[1, 0] = 7;
                }

                break;
            case "expandDims":
                using (var v = a.ExpandDims(0))
                {
                    v[0, 0, 1, 0] = 7;
                }

                break;
            case "broadcastTo":
                using (var v = a.BroadcastTo(2, 1, 4, 5))
                {
                    Assert.Equal(new long[] { 0, 20, 5, 1 }, v.Strides.ToArray());
                    a[0, 1, 0] = 7;
                    Assert.Equal(7, v[1, 0, 1, 0]); // the view sees writes to the base
                }

                break;
            case "reinterpret":
                using (var v = a.Reinterpret<ulong>())
                {
                    v[0, 1, 0] = 7;
                }

                break;
        }

        Assert.False(a.IsConstant);
        Assert.Equal(7, a[0, 1, 0]);
        Assert.Equal(1, a[0, 0, 0]);
        if (kind == "indexer")
        {
            Assert.Equal(7, a[0, 1, 2]);
            Assert.Equal(18 + 14, a.SumAll());
        }
        else
        {
            Assert.Equal(19 + 7, a.SumAll());
        }
    }

    [Fact]
    public void BoolConstantViewsAndComparisons()
    {
        using var b = NDArray.Zeros<bool>(2, 3);
        using var ne = b.NotEqual(b);
        Assert.True(b.IsConstant);
        Assert.All(ne.ToArray(), Assert.False);
        Assert.False(b.AnyAll());
        Assert.False(b.AllAll());
        using (var v = b.Slice(1))
        {
            v[2] = true;
        }

        Assert.False(b.IsConstant);
        Assert.True(b[1, 2]);
        Assert.True(b.AnyAll());
    }

    [Fact]
    public void ReductionsOverConstants()
    {
        using var a = NDArray.Full(3L, 4, 5, 6);
        Assert.Equal(360, a.SumAll());
        Assert.Equal(3, a.MinAll());
        Assert.Equal(3, a.MaxAll());
        Assert.Equal(3.0, a.MeanAll());
        Assert.True(a.AnyAll());
        Assert.True(a.AllAll());
        using (var s1 = a.Sum(1))
        {
            Assert.Equal(new long[] { 4, 6 }, s1.Shape.ToArray());
            Assert.All(s1.ToArray(), v => Assert.Equal(15, v));
        }

        using (var s2 = a.Sum([0, 2], keepDims: true))
        {
            Assert.Equal(new long[] { 1, 5, 1 }, s2.Shape.ToArray());
            Assert.All(s2.ToArray(), v => Assert.Equal(72, v));
        }

        using (var p = NDArray.Full(3L, 2, 5).Prod(1))
        {
            Assert.All(p.ToArray(), v => Assert.Equal(243, v));
        }

        // Integer sums and products wrap exactly like the element-by-element kernels.
        using var bytes = NDArray.Full((byte)200, 3, 7);
        using var bytesReal = bytes.Copy();
        Assert.Equal(bytesReal.SumAll(), bytes.SumAll());
        Assert.Equal(bytesReal.ProdAll(), bytes.ProdAll());
        using var ints = NDArray.Full(-7, 1000, 3);
        using var intsReal = ints.Copy();
        Assert.Equal(intsReal.ProdAll(), ints.ProdAll());
        Assert.Equal(intsReal.SumAll(), ints.SumAll());

        // Floating-point sums of a constant fold in O(log n): equal to a materialised array's up to rounding, and
        // at least as close to the exact value, since they round log2(n) times instead of n times.
        using var tenths = NDArray.Full(0.1, 1000, 7);
        using var tenthsReal = tenths.Copy();
        Assert.Equal(tenthsReal.SumAll(), tenths.SumAll(), 1e-9);
        Assert.True(Math.Abs(tenths.SumAll() - 700) <= Math.Abs(tenthsReal.SumAll() - 700));
        using (var s = tenths.Sum(0))
        using (var r = tenthsReal.Sum(0))
        {
            Assert.True(NDArray.AllClose(r, s, rtol: 1e-12, atol: 0));
        }

        using var nan = NDArray.Full(double.NaN, 3);
        Assert.True(double.IsNaN(nan.MaxAll()));
        using var zeros = NDArray.Zeros<float>(4, 2);
        Assert.False(zeros.AnyAll());
        Assert.False(zeros.AllAll());
        using (var anyAxis = zeros.Any(0))
        {
            Assert.Equal(new[] { false, false }, anyAxis.ToArray());
        }

        using var none = NDArray.Ones<long>(4, 5);
        Assert.Throws<ArgumentException>(() => NDArray.Ones<long>(0, 3).Min(0));
        Assert.True(a.IsConstant && bytes.IsConstant && ints.IsConstant && tenths.IsConstant && none.IsConstant);
    }

    [Fact]
    public void DisposedConstantThrowsOnAccess()
    {
        var a = NDArray.Ones<int>(3);
        a.Dispose();
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a[0]);
        Assert.Throws<ObjectDisposedException>(() => a.Slice(0));
        Assert.Throws<ObjectDisposedException>(() => a.Fill(2));
        Assert.Throws<ObjectDisposedException>(() => a.SumAll());
    }

    [Fact]
    public void IntegerDivisionByZeroStillThrows()
    {
        using var a = NDArray.Ones<int>(3, 3);
        Assert.Throws<DivideByZeroException>(() => a / 0);
        using var z = NDArray.Zeros<int>(3);
        Assert.Throws<DivideByZeroException>(() => 5 / z);
    }
}

/// <summary>Constant-array tests that read <see cref="ChunkPool.Shared"/> statistics (run alone).</summary>
[Collection(nameof(ChunkPoolCollection))]
public class ConstantArrayPoolTests
{
    private const long N = 1 << 10; // N × N int64 = 8 MiB: pooled, a whole number of huge pages

    [Fact]
    public void ScalarTimesOnesLeasesOneBuffer()
    {
        var pool = ChunkPool.Shared;
        var baseline = pool.LeasedBytes;
        using var ones = NDArray.Ones<long>(N, N);
        Assert.Equal(baseline, pool.LeasedBytes); // the constant leases nothing
        for (var i = 1; i <= 3; i++)
        {
            using var facet = i * ones;
            Assert.Equal(baseline + (N * N * sizeof(long)), pool.LeasedBytes);
            Assert.True(ones.IsConstant);
            Assert.Equal(new long[] { N, 1 }, facet.Strides.ToArray());

            using var naive = NDArray.Empty<long>(N, N);
            naive.AsSpan().Fill(i);
            Assert.True(NDArray.ArrayEqual(naive, facet));
        }

        Assert.Equal(baseline, pool.LeasedBytes);
        using (var temp = 5 * NDArray.Ones<long>(N, N))
        {
            Assert.Equal(baseline + (N * N * sizeof(long)), pool.LeasedBytes);
            Assert.Equal(5 * N * N, temp.SumAll());
        }

        Assert.Equal(baseline, pool.LeasedBytes);
    }

    [Fact]
    public void MaterialisedConstantReturnsItsBufferOnDispose()
    {
        var pool = ChunkPool.Shared;
        var baseline = pool.LeasedBytes;
        var a = NDArray.Zeros<long>(N, N);
        var view = a[SliceSpec.Range(0, 2)];
        Assert.Equal(baseline + (N * N * sizeof(long)), pool.LeasedBytes);
        Assert.Same(a.Storage, view.Storage);
        Assert.Equal(2, a.Storage.Leases);
        a.Dispose();
        Assert.Equal(baseline + (N * N * sizeof(long)), pool.LeasedBytes);
        Assert.Equal(0, view.SumAll());
        view.Dispose();
        Assert.Equal(baseline, pool.LeasedBytes);
    }

    [Fact]
    public void ConcurrentMaterialisationGivesOneBuffer()
    {
        var pool = ChunkPool.Shared;
        for (var round = 0; round < 20; round++)
        {
            var baseline = pool.LeasedBytes;
            var a = NDArray.Full(2L, N, N);
            var views = new NDArray<long>[64];
            var sums = new long[64];
            Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                switch (i % 4)
                {
                    case 0:
                        views[i] = a[SliceSpec.Range(i, i + 4)];
                        sums[i] = views[i].SumAll();
                        break;
                    case 1:
                        views[i] = a.Reshape(-1);
                        sums[i] = views[i][(i * 997) % (N * N)];
                        break;
                    case 2:
                        // A reader that may run before, during or after the swap: always sees the constant.
                        sums[i] = a[i, (i * 31) % N] + a[N - 1, N - 1];
                        break;
                    default:
                        using (var row = a.Sum(1))
                        {
                            sums[i] = row[i];
                        }

                        break;
                }
            });

            Assert.False(a.IsConstant);
            Assert.Equal(baseline + (N * N * sizeof(long)), pool.LeasedBytes);
            var storage = a.Storage;
            for (var i = 0; i < 64; i++)
            {
                var expected = (i % 4) switch
                {
                    0 => 2 * 4 * N,
                    1 => 2,
                    2 => 4,
                    _ => 2 * N,
                };
                Assert.Equal(expected, sums[i]);
                if (views[i] is { } v)
                {
                    Assert.Same(storage, v.Storage);
                }
            }

            Assert.Equal(1 + 32, storage.Leases);
            views[0][0, 0] = 5; // views share the one buffer
            Assert.Equal(5, a[0, 0]);
            Assert.Equal(5, views[1][0]);
            a.Dispose();
            foreach (var v in views)
            {
                v?.Dispose();
            }

            Assert.Equal(baseline, pool.LeasedBytes);
        }
    }
}
