namespace Tessera;

/// <summary>Filling, copying and conversion.</summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>Sets every element (through any strides) to <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <remarks>A constant array materialises (filled with <paramref name="value"/> in the same pass).</remarks>
    public void Fill(T value)
    {
        ThrowIfDisposed();
        var layout = MaterializedWith(value, out var filled);
        if (!filled)
        {
            var v = new FillVisitor { P = layout.Base, Value = value };
            StridedLoop.ForEachRun(_shape, [layout.Strides], ref v);
        }

        GC.KeepAlive(this);
    }

    /// <summary>A new C-contiguous, pooled copy (reads a constant without materialising it; the copy is an ordinary array).</summary>
    public NDArray<T> Copy()
    {
        ThrowIfDisposed();
        var result = NDArray.Allocate<T>(_shape, clear: false, "Copy");
        result.CopyFrom(this);
        return result;
    }

    /// <summary>
    /// Copies this array's elements into <paramref name="destination"/>, whose shape must equal this shape (or this
    /// array must broadcast to it). Handles any strides; contiguous pairs use a single memory copy.
    /// </summary>
    /// <param name="destination">Target array (may be a strided view).</param>
    /// <exception cref="ArgumentException">The shapes are incompatible; the message names both.</exception>
    public void CopyTo(NDArray<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.CopyFrom(this);
    }

    /// <summary>Copies <paramref name="source"/> (equal shape, or broadcastable to this shape) into this array.</summary>
    /// <param name="source">Source array.</param>
    public void CopyFrom(NDArray<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfDisposed();
        source.ThrowIfDisposed();
        var dst = Materialized(); // before reading source: source may be this array
        var src = source.CurrentLayout;
        var srcStrides = Shapes.BroadcastStrides(source._shape, src.Strides, _shape, "CopyTo");
        var v = new CopyVisitor { Dst = dst.Base, Src = src.Base };
        StridedLoop.ForEachRun(_shape, [dst.Strides, srcStrides], ref v);
        GC.KeepAlive(this);
        GC.KeepAlive(source);
    }

    /// <summary>The elements in C order as a new managed array.</summary>
    /// <exception cref="InvalidOperationException">More elements than a managed array can hold.</exception>
    public T[] ToArray()
    {
        ThrowIfDisposed();
        if (Size > Array.MaxLength)
        {
            throw new InvalidOperationException($"ToArray: {Size} elements do not fit a managed array.");
        }

        var result = new T[Size];
        using (var target = NDArray.Wrap(result, _shape))
        {
            target.CopyFrom(this);
        }

        return result;
    }

    /// <summary>The elements of a 2-D array as a new rectangular managed array.</summary>
    /// <exception cref="InvalidOperationException">The array is not 2-D.</exception>
    public T[,] ToArray2D()
    {
        ThrowIfDisposed();
        if (NDim != 2)
        {
            throw new InvalidOperationException($"ToArray2D: the array of shape {Shapes.Format(_shape)} is not 2-D.");
        }

        var result = new T[_shape[0], _shape[1]];
        using (var target = NDArray.Wrap(result))
        {
            target.CopyFrom(this);
        }

        return result;
    }

    /// <summary>
    /// A new C-contiguous array with every element converted to <typeparamref name="TOut"/> (C-cast semantics:
    /// float → int truncates; to bool means "non-zero"; from bool gives 0/1).
    /// </summary>
    /// <typeparam name="TOut">Target element type.</typeparam>
    public NDArray<TOut> AsType<TOut>()
        where TOut : unmanaged
    {
        ThrowIfDisposed();
        if (typeof(TOut) == typeof(T))
        {
            return (NDArray<TOut>)(object)Copy();
        }

        var la = CurrentLayout;
        if (la.IsConstant)
        {
            // Convert the one value: the result is a constant too (copy-on-write), so a reduction of
            // it stays O(1) (the sum of Ones<int> in int64 touches no memory).
            TOut converted;
            var one = new ConvertVisitor<TOut> { Dst = &converted, Src = la.Base };
            one.Run([0, 0], [0, 0], 1);
            GC.KeepAlive(this);
            return NDArray<TOut>.Constant(converted, (long[])_shape.Clone());
        }

        var result = NDArray.Allocate<TOut>(_shape, clear: false, "AsType");
        var lo = result.CurrentLayout;
        var v = new ConvertVisitor<TOut> { Dst = lo.Base, Src = la.Base };
        StridedLoop.ForEachRun(_shape, [lo.Strides, la.Strides], ref v);
        GC.KeepAlive(this);
        return result;
    }

    private struct FillVisitor : IRunVisitor
    {
        public T* P;
        public T Value;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            var p = P + offsets[0];
            var s = strides[0];
            if (s == 1)
            {
                FillKernel.Fill(p, length, Value);
                return;
            }

            for (long i = 0; i < length; i++)
            {
                p[i * s] = Value;
            }
        }
    }

    private struct CopyVisitor : IRunVisitor
    {
        public T* Dst;
        public T* Src;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            var d = Dst + offsets[0];
            var s = Src + offsets[1];
            long sd = strides[0], ss = strides[1];
            if (sd == 1 && ss == 1)
            {
                var bytes = length * sizeof(T);
                Buffer.MemoryCopy(s, d, bytes, bytes);
                return;
            }

            if (sd == 1 && ss == 0)
            {
                var value = *s;
                for (long done = 0; done < length; done += NDArray.MaxSegmentLength)
                {
                    new Span<T>(d + done, (int)Math.Min(NDArray.MaxSegmentLength, length - done)).Fill(value);
                }

                return;
            }

            for (long i = 0; i < length; i++)
            {
                d[i * sd] = s[i * ss];
            }
        }
    }

    private struct ConvertVisitor<TOut> : IRunVisitor
        where TOut : unmanaged
    {
        public TOut* Dst;
        public T* Src;

        public readonly void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length)
        {
            var d = Dst + offsets[0];
            var s = Src + offsets[1];
            long sd = strides[0], ss = strides[1];
            if (typeof(TOut) == typeof(bool))
            {
                if (DTypeInfo<T>.IsBool)
                {
                    for (long i = 0; i < length; i++)
                    {
                        d[i * sd] = *(TOut*)(s + (i * ss));
                    }

                    return;
                }

                NumericOps<T>.Require("AsType").ToBool(s, ss, (bool*)d, sd, length);
                return;
            }

            NumericOps<TOut>.Require("AsType").ConvertFrom(s, ss, d, sd, length);
        }
    }
}
