namespace Tessera;

/// <summary>
/// Reductions over one axis, several axes or all axes. Each returns a new pooled array; with <c>keepDims</c> the
/// reduced axes stay as length-1 dimensions. Integer sums and products wrap on overflow, like NumPy's fixed-width
/// integers. Axes may be negative (counted from the end).
/// </summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>Sum over one axis.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<T> Sum(int axis, bool keepDims = false) => Reduce(BinaryOp.Add, [axis], false, keepDims, "Sum");

    /// <summary>Sum over several axes, or all axes when <paramref name="axes"/> is null (default).</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<T> Sum(int[]? axes = null, bool keepDims = false) => Reduce(BinaryOp.Add, axes, axes is null, keepDims, "Sum");

    /// <summary>Product over one axis.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<T> Prod(int axis, bool keepDims = false) => Reduce(BinaryOp.Multiply, [axis], false, keepDims, "Prod");

    /// <summary>Product over several axes, or all when null (default).</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<T> Prod(int[]? axes = null, bool keepDims = false) => Reduce(BinaryOp.Multiply, axes, axes is null, keepDims, "Prod");

    /// <summary>Minimum over one axis; a zero-length reduction throws <see cref="ArgumentException"/>.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<T> Min(int axis, bool keepDims = false) => Reduce(BinaryOp.Min, [axis], false, keepDims, "Min");

    /// <summary>Minimum over several axes, or all when null (default).</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<T> Min(int[]? axes = null, bool keepDims = false) => Reduce(BinaryOp.Min, axes, axes is null, keepDims, "Min");

    /// <summary>Maximum over one axis; a zero-length reduction throws <see cref="ArgumentException"/>.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<T> Max(int axis, bool keepDims = false) => Reduce(BinaryOp.Max, [axis], false, keepDims, "Max");

    /// <summary>Maximum over several axes, or all when null (default).</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<T> Max(int[]? axes = null, bool keepDims = false) => Reduce(BinaryOp.Max, axes, axes is null, keepDims, "Max");

    /// <summary>Arithmetic mean over one axis, always as float64 (sum in <typeparamref name="T"/>, then divided).</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<double> Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);

    /// <summary>Arithmetic mean over several axes or all (null, default), always as float64; empty → NaN.</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<double> Mean(int[]? axes = null, bool keepDims = false)
    {
        using var sum = Sum(axes, keepDims);
        var result = sum.AsType<double>();
        var count = sum.Size == 0 ? 0 : Size / sum.Size;
        result.DivideInPlace(count);
        return result;
    }

    /// <summary>Whether any element along the axis is true / non-zero.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<bool> Any(int axis, bool keepDims = false) => Logical(true, [axis], keepDims);

    /// <summary>Whether any element is true / non-zero, over several axes or all (null, default). Empty → false.</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<bool> Any(int[]? axes = null, bool keepDims = false) => Logical(true, axes, keepDims);

    /// <summary>Whether all elements along the axis are true / non-zero.</summary>
    /// <param name="axis">Axis to reduce.</param>
    /// <param name="keepDims">Keep the reduced axis with length 1 (default false).</param>
    public NDArray<bool> All(int axis, bool keepDims = false) => Logical(false, [axis], keepDims);

    /// <summary>Whether all elements are true / non-zero, over several axes or all (null, default). Empty → true.</summary>
    /// <param name="axes">Axes to reduce; null for all.</param>
    /// <param name="keepDims">Keep reduced axes with length 1 (default false).</param>
    public NDArray<bool> All(int[]? axes = null, bool keepDims = false) => Logical(false, axes, keepDims);

    /// <summary>Sum of all elements.</summary>
    public T SumAll() => Scalar(Sum());

    /// <summary>Product of all elements.</summary>
    public T ProdAll() => Scalar(Prod());

    /// <summary>Minimum of all elements; throws <see cref="ArgumentException"/> when empty.</summary>
    public T MinAll() => Scalar(Min());

    /// <summary>Maximum of all elements; throws <see cref="ArgumentException"/> when empty.</summary>
    public T MaxAll() => Scalar(Max());

    /// <summary>Mean of all elements as double (NaN when empty).</summary>
    public double MeanAll() => NDArray<double>.Scalar(Mean());

    /// <summary>Whether any element is true / non-zero.</summary>
    public bool AnyAll() => NDArray<bool>.Scalar(Any());

    /// <summary>Whether every element is true / non-zero.</summary>
    public bool AllAll() => NDArray<bool>.Scalar(All());

    private static T Scalar(NDArray<T> zeroD)
    {
        using (zeroD)
        {
            return zeroD.ToScalar();
        }
    }

    private NDArray<bool> Logical(bool any, int[]? axes, bool keepDims)
    {
        ThrowIfDisposed();
        using var bools = DTypeInfo<T>.IsBool ? null : ToBoolForReading();
        using var bytes = bools is null ? ReinterpretForReading<byte>() : bools.Reinterpret<byte>();
        using var reduced = bytes.Reduce(any ? BinaryOp.Max : BinaryOp.Min, axes, axes is null, keepDims, any ? "Any" : "All", any ? (byte)0 : (byte)1);
        return reduced.Reinterpret<bool>();
    }

    /// <summary>this != 0 as bool; a constant gives a bool constant (so Any/All over a constant stay O(1)).</summary>
    private NDArray<bool> ToBoolForReading()
    {
        var layout = CurrentLayout;
        if (!layout.IsConstant)
        {
            return AsType<bool>();
        }

        bool value;
        NumericOps<T>.Require("AsType").ToBool(layout.Base, 0, &value, 0, 1);
        GC.KeepAlive(this);
        return NDArray<bool>.Constant(value, _shape);
    }

    private NDArray<T> Reduce(BinaryOp op, ReadOnlySpan<int> axes, bool all, bool keepDims, string name, T? identity = null)
    {
        var ops = NumericOps<T>.Require(name);
        ThrowIfDisposed();
        identity ??= op switch
        {
            BinaryOp.Add => ops.Zero,
            BinaryOp.Multiply => ops.One,
            _ => null,
        };
        var mask = Shapes.AxisMask(axes, all, NDim, name);
        var layout = CurrentLayout; // one snapshot: pointer and strides must come from the same layout
        var strides = layout.Strides;
        List<long> keptShape = [], keptStrides = [], redShape = [], redStrides = [], outShape = [];
        long reducedCount = 1;
        for (var i = 0; i < NDim; i++)
        {
            if (mask[i])
            {
                redShape.Add(_shape[i]);
                redStrides.Add(strides[i]);
                reducedCount *= _shape[i];
                if (keepDims)
                {
                    outShape.Add(1);
                }
            }
            else
            {
                keptShape.Add(_shape[i]);
                keptStrides.Add(strides[i]);
                outShape.Add(_shape[i]);
            }
        }

        var result = NDArray.Allocate<T>([.. outShape], clear: false, name);
        if (result.Size == 0)
        {
            return result;
        }

        if (reducedCount == 0)
        {
            if (identity is not { } id)
            {
                result.Dispose();
                throw new ArgumentException($"{name}: zero-size reduction over shape {Shapes.Format(_shape)} has no identity.");
            }

            result.Fill(id);
            return result;
        }

        if (layout.IsConstant && TryReduceConstant(ops, op, layout.Value, reducedCount, out var folded))
        {
            result.Fill(folded);
            return result;
        }

        var last = NDim - 1;
        while (last >= 0 && _shape[last] == 1)
        {
            last--;
        }

        var reducer = new Reducer(ops, op, identity, layout.Base, result.CurrentLayout.Base, [.. keptShape], [.. keptStrides], [.. redShape], [.. redStrides]);
        if (last < 0 || mask[last])
        {
            reducer.PerOutput();
        }
        else
        {
            reducer.Accumulate();
        }

        GC.KeepAlive(this);
        return result;
    }

    /// <summary>
    /// Folds <paramref name="count"/> (≥ 1) copies of <paramref name="value"/> in O(log count): Min/Max give the value;
    /// Sum/Prod use double-and-add / square-and-multiply in the type's own arithmetic. For integers that equals the
    /// element-by-element result exactly (wrapping included); for floating point it rounds about log2(count) times
    /// instead of count times, so it is closer to the exact value than a sequential sum (as NumPy's pairwise sum is).
    /// </summary>
    private static bool TryReduceConstant(NumericOps<T> ops, BinaryOp op, T value, long count, out T result)
    {
        switch (op)
        {
            case BinaryOp.Min or BinaryOp.Max:
                result = value;
                return true;
            case BinaryOp.Add or BinaryOp.Multiply:
                var acc = op == BinaryOp.Add ? ops.Zero : ops.One;
                var power = value;
                for (var n = count; n > 0; n >>= 1)
                {
                    if ((n & 1) != 0)
                    {
                        ops.Binary(op, &acc, 0, &power, 0, &acc, 0, 1);
                    }

                    if (n > 1)
                    {
                        ops.Binary(op, &power, 0, &power, 0, &power, 0, 1);
                    }
                }

                result = acc;
                return true;
            default:
                result = default;
                return false;
        }
    }

    private struct ReduceVisitor : IRunVisitor
    {
        public NumericOps<T> Ops;
        public BinaryOp Op;
        public T* A;
        public T Acc;

        public void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length) =>
            Acc = Ops.Reduce(Op, A + offsets[0], strides[0], length, Acc);
    }

    /// <summary>The two reduction strategies over a split of the axes into kept and reduced ones.</summary>
    private readonly struct Reducer(
        NumericOps<T> ops, BinaryOp op, T? identity, T* source, T* output, long[] keptShape, long[] keptStrides, long[] redShape, long[] redStrides)
    {
        /// <summary>Innermost axis reduced: one strided reduction (TensorPrimitives on inner runs) per output element.</summary>
        public void PerOutput()
        {
            var counters = new long[keptShape.Length];
            long offset = 0;
            long k = 0;
            long[][] strides = [redStrides];
            do
            {
                var v = new ReduceVisitor { Ops = ops, Op = op, A = source + offset, Acc = identity ?? source[offset] };
                StridedLoop.ForEachRun(redShape, strides, ref v);
                output[k++] = v.Acc;
            }
            while (Advance(counters, keptShape, keptStrides, ref offset));
        }

        /// <summary>Innermost axis kept: accumulate whole kept-axis slices elementwise into the output.</summary>
        public void Accumulate()
        {
            var outStrides = Shapes.ContiguousStrides(keptShape);
            var copy = new CopyVisitor { Dst = output, Src = source };
            StridedLoop.ForEachRun(keptShape, [outStrides, keptStrides], ref copy);
            var counters = new long[redShape.Length];
            long offset = 0;
            long[][] strides = [outStrides, outStrides, keptStrides];
            while (Advance(counters, redShape, redStrides, ref offset))
            {
                var v = new BinaryVisitor { Ops = ops, Op = op, O = output, A = output, B = source + offset };
                StridedLoop.ForEachRun(keptShape, strides, ref v);
            }
        }

        private static bool Advance(long[] counters, long[] shape, long[] strides, ref long offset)
        {
            for (var d = counters.Length - 1; d >= 0; d--)
            {
                counters[d]++;
                offset += strides[d];
                if (counters[d] < shape[d])
                {
                    return true;
                }

                offset -= strides[d] * shape[d];
                counters[d] = 0;
            }

            return false;
        }
    }
}
