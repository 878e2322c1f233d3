namespace Tessera.Arrays.Tests.Oracle;

/// <summary>A naive dense n-d array over a flat long[]: the oracle the lazy arrays are checked against.</summary>
public sealed class Dense
{
    public Dense(long[] shape, long[] data)
    {
        Shape = shape;
        Data = data;
    }

    public long[] Shape { get; }

    public long[] Data { get; }

    public int NDim => Shape.Length;

    public static Dense Random(Random random, long[] shape, int max = 100)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new long[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = random.Next(-max, max);
        }

        return new Dense(shape, data);
    }

    public long this[long[] index] => Data[Flat(Shape, index)];

    public static long Flat(long[] shape, long[] index)
    {
        long flat = 0;
        for (int a = 0; a < shape.Length; a++)
        {
            flat = (flat * shape[a]) + index[a];
        }

        return flat;
    }

    public static IEnumerable<long[]> Indices(long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var index = new long[shape.Length];
        for (long i = 0; i < n; i++)
        {
            yield return (long[])index.Clone();
            for (int a = shape.Length - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }
    }

    public static Dense Build(long[] shape, Func<long[], long> value) =>
        new(shape, [.. Indices(shape).Select(value)]);

    /// <summary>Selection: per axis (start, stop, step, drop); a negative step counts down to stop.</summary>
    public Dense Slice((long Start, long Stop, long Step, bool Drop)[] slices)
    {
        var outShape = slices.Where(s => !s.Drop).Select(s => s.Step > 0
            ? (s.Stop <= s.Start ? 0 : ((s.Stop - s.Start - 1) / s.Step) + 1)
            : (s.Start <= s.Stop ? 0 : ((s.Start - s.Stop - 1) / -s.Step) + 1)).ToArray();
        return Build(outShape, o =>
        {
            var src = new long[NDim];
            int k = 0;
            for (int a = 0; a < NDim; a++)
            {
                src[a] = slices[a].Drop ? slices[a].Start : slices[a].Start + (o[k++] * slices[a].Step);
            }

            return this[src];
        });
    }

    public Dense Reduce(int[] axes, bool keepDims, Func<long, long, long> op, long identity)
    {
        var outShape = Enumerable.Range(0, NDim).Where(a => keepDims || !axes.Contains(a)).Select(a => axes.Contains(a) ? 1 : Shape[a]).ToArray();
        var acc = new long[outShape.Aggregate(1L, (a, b) => a * b)];
        Array.Fill(acc, identity);
        foreach (var index in Indices(Shape))
        {
            var o = Enumerable.Range(0, NDim).Where(a => keepDims || !axes.Contains(a)).Select(a => axes.Contains(a) ? 0 : index[a]).ToArray();
            long f = Flat(outShape, o);
            acc[f] = op(acc[f], this[index]);
        }

        return new Dense(outShape, acc);
    }

    public static Dense Broadcast(Dense a, Dense b, Func<long, long, long> op)
    {
        int ndim = Math.Max(a.NDim, b.NDim);
        var shape = new long[ndim];
        for (int i = 0; i < ndim; i++)
        {
            long x = i < ndim - a.NDim ? 1 : a.Shape[i - (ndim - a.NDim)];
            long y = i < ndim - b.NDim ? 1 : b.Shape[i - (ndim - b.NDim)];
            shape[i] = x == 1 ? y : x;
        }

        return Build(shape, o => op(a[Project(o, a.Shape)], b[Project(o, b.Shape)]));
    }

    private static long[] Project(long[] o, long[] shape)
    {
        int offset = o.Length - shape.Length;
        return [.. shape.Select((n, a) => n == 1 ? 0 : o[a + offset])];
    }

    public static Dense Stack(Dense[] items, int axis)
    {
        var shape = items[0].Shape.ToList();
        shape.Insert(axis, items.Length);
        return Build([.. shape], o =>
        {
            var rest = o.Where((_, a) => a != axis).ToArray();
            return items[o[axis]][rest];
        });
    }

    public static Dense Concatenate(Dense[] items, int axis)
    {
        var shape = (long[])items[0].Shape.Clone();
        shape[axis] = items.Sum(i => i.Shape[axis]);
        return Build(shape, o =>
        {
            long pos = o[axis];
            foreach (var item in items)
            {
                if (pos < item.Shape[axis])
                {
                    var local = (long[])o.Clone();
                    local[axis] = pos;
                    return item[local];
                }

                pos -= item.Shape[axis];
            }

            throw new InvalidOperationException("out of range");
        });
    }
}
