namespace Tessera.Tests.Chunks;

public class NDArrayViewTests
{
    [Fact]
    public void RandomSlicesWithStepsMatchBruteForce()
    {
        var r = new Random(11);
        for (var iter = 0; iter < 300; iter++)
        {
            var shape = Ref.RandomShape(r, maxDims: 3, maxDim: 7);
            var data = Ref.RandomLongs(r, Ref.Size(shape));
            using var a = NDArray.Wrap(data, shape);
            var specs = new SliceSpec[r.Next(0, shape.Length + 1)];
            var picks = new List<long[]>();
            var keptAxis = new List<bool>();
            for (var ax = 0; ax < shape.Length; ax++)
            {
                var n = shape[ax];
                if (ax < specs.Length && r.Next(4) == 0)
                {
                    var i = r.Next((int)-n, (int)n);
                    specs[ax] = i;
                    picks.Add([i < 0 ? i + n : i]);
                    keptAxis.Add(false);
                }
                else if (ax < specs.Length)
                {
                    long? start = r.Next(3) == 0 ? null : r.Next((int)(-n - 2), (int)(n + 2));
                    long? stop = r.Next(3) == 0 ? null : r.Next((int)(-n - 2), (int)(n + 2));
                    long step = r.Next(1, 4) * (r.Next(2) == 0 ? 1 : -1);
                    specs[ax] = SliceSpec.Range(start, stop, step);
                    picks.Add(Ref.SliceIndices(n, start, stop, step));
                    keptAxis.Add(true);
                }
                else
                {
                    picks.Add(Ref.SliceIndices(n, null, null, 1));
                    keptAxis.Add(true);
                }
            }

            using var v = a.Slice(specs);
            var expectedShape = picks.Where((_, i) => keptAxis[i]).Select(p => (long)p.Length).ToArray();
            Assert.Equal(expectedShape, v.Shape.ToArray());
            var expected = new List<long>();
            foreach (var sel in Ref.Indices(picks.Select(p => (long)p.Length).ToArray()))
            {
                var src = sel.Select((k, ax) => picks[ax][k]).ToArray();
                expected.Add(data[Ref.Flat(src, shape)]);
            }

            Assert.Equal(expected, v.ToArray());
            using var copy = v.Copy();
            Assert.True(copy.IsContiguous);
            Assert.True(NDArray.ArrayEqual(v, copy));
        }
    }

    [Fact]
    public void RangeAndIndexSyntax()
    {
        using var a = NDArray.Arange<long>(12).Reshape(3, 4);
        using var row = a.Slice(1);
        Assert.Equal(new long[] { 4, 5, 6, 7 }, row.ToArray());
        using var last = a[^1, 1..^1];
        Assert.Equal(new long[] { 9, 10 }, last.ToArray());
        using var col = a[.., 2];
        Assert.Equal(new long[] { 2, 6, 10 }, col.ToArray());
        using var rev = a[SliceSpec.Every(-1), SliceSpec.Every(2)];
        Assert.Equal(new long[] { 8, 10, 4, 6, 0, 2 }, rev.ToArray());
        Assert.False(rev.IsContiguous);
        rev[0, 0] = 100;
        Assert.Equal(100, a[2, 0]);
    }

    [Fact]
    public void ViewsShareStorageAndWritesGoThrough()
    {
        using var a = NDArray.Zeros<int>(4, 4);
        using var v = a[1..3, 1..3];
        v.Fill(5);
        Assert.Equal(20, a.SumAll());
        using var t = a.Transpose();
        t[0, 3] = 1;
        Assert.Equal(1, a[3, 0]);
    }

    [Fact]
    public void ReshapeTransposeSqueezeExpand()
    {
        using var a = NDArray.Arange<long>(24);
        using var b = a.Reshape(2, -1, 4);
        Assert.Equal(new long[] { 2, 3, 4 }, b.Shape.ToArray());
        using var t = b.Transpose(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, t.Shape.ToArray());
        Assert.Equal(b[1, 2, 3], t[3, 1, 2]);
        using var r = t.Reshape(24); // non-contiguous → copy
        var expected = new List<long>();
        foreach (var idx in Ref.Indices([4, 2, 3]))
        {
            expected.Add(b[idx[1], idx[2], idx[0]]);
        }

        Assert.Equal(expected, r.ToArray());
        using var e = b.ExpandDims(1);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, e.Shape.ToArray());
        using var s = e.Squeeze();
        Assert.Equal(new long[] { 2, 3, 4 }, s.Shape.ToArray());
        using var e2 = b.ExpandDims(-1);
        Assert.Equal(new long[] { 2, 3, 4, 1 }, e2.Shape.ToArray());
        using var s2 = e2.Squeeze(3);
        Assert.True(NDArray.ArrayEqual(b, s2));
        Assert.Throws<ArgumentException>(() => b.Squeeze(0));
        Assert.Throws<ArgumentException>(() => a.Reshape(5, 5));
    }

    [Fact]
    public void BroadcastToIsStrideZeroView()
    {
        using var a = NDArray.Arange<long>(3);
        using var b = a.BroadcastTo(4, 3);
        Assert.Equal(new long[] { 0, 1 }, b.Strides.ToArray());
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 }, b.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => a.BroadcastTo(3, 4));
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(3, 4)", ex.Message);
    }

    [Fact]
    public void CopyToHandlesStridesBothWays()
    {
        var r = new Random(3);
        for (var iter = 0; iter < 100; iter++)
        {
            var shape = Ref.RandomShape(r, maxDims: 3, maxDim: 6);
            var data = Ref.RandomLongs(r, Ref.Size(shape));
            using var a = NDArray.Wrap(data, shape);
            using var src = a.Transpose();
            using var dst = NDArray.Zeros<long>(Ref.Size(shape) * 2).Reshape(2, Ref.Size(shape));
            using var target = dst.Slice(0).Reshape(src.Shape.ToArray());
            src.CopyTo(target);
            Assert.True(NDArray.ArrayEqual(src, target));
            using var rev = NDArray.Zeros<long>(src.Shape.ToArray());
            using var revView = rev[SliceSpec.Every(-1)];
            revView.CopyFrom(src);
            Assert.True(NDArray.ArrayEqual(revView, src));
        }
    }

    [Fact]
    public void SegmentsAndPointer()
    {
        using var a = NDArray.Arange<int>(10);
        Assert.Equal(1, a.SegmentCount);
        Assert.Equal(45, a.GetSegment(0).ToArray().Sum());
        Assert.Equal(10, a.AsSpan().Length);
        using var v = a[SliceSpec.Every(2)];
        Assert.Throws<InvalidOperationException>(() => v.AsSpan());
        unsafe
        {
            Assert.Equal(2, v.Pointer[v.Strides[0]]);
        }
    }
}
