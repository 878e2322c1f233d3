using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera;

/// <summary>Generic-math kernels for one numeric element type; contiguous runs go through <see cref="TensorPrimitives"/>.</summary>
internal sealed unsafe partial class NumericOpsImpl<T> : NumericOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>Longest span handed to TensorPrimitives at once (2^30 elements).</summary>
    internal const long Segment = 1L << 30;

    /// <inheritdoc/>
    public override T Zero => T.Zero;

    /// <inheritdoc/>
    public override T One => T.One;

    /// <inheritdoc/>
    public override bool IsFloatingPoint => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);

    /// <inheritdoc/>
    public override T FromInt32(int value) => T.CreateChecked(value);

    /// <inheritdoc/>
    public override T FromInt64(long value) => T.CreateChecked(value);

    /// <inheritdoc/>
    public override double ToDouble(T value) => double.CreateTruncating(value);

    /// <inheritdoc/>
    public override void Binary(BinaryOp op, T* a, long sa, T* b, long sb, T* o, long so, long n)
    {
        if (so == 1 && sa is 0 or 1 && sb is 0 or 1 && op != BinaryOp.Remainder)
        {
            for (long done = 0; done < n; done += Segment)
            {
                var len = (int)Math.Min(Segment, n - done);
                var dst = new Span<T>(o + done, len);
                if (sa == 0 && sb == 0)
                {
                    dst.Fill(Apply(op, *a, *b));
                }
                else if (sa == 0)
                {
                    ScalarFirst(op, *a, new ReadOnlySpan<T>(b + done, len), dst);
                }
                else if (sb == 0)
                {
                    ScalarSecond(op, new ReadOnlySpan<T>(a + done, len), *b, dst);
                }
                else
                {
                    Both(op, new ReadOnlySpan<T>(a + done, len), new ReadOnlySpan<T>(b + done, len), dst);
                }
            }

            return;
        }

        switch (op)
        {
            case BinaryOp.Add:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] + b[i * sb];
                }

                break;
            case BinaryOp.Subtract:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] - b[i * sb];
                }

                break;
            case BinaryOp.Multiply:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] * b[i * sb];
                }

                break;
            default:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = Apply(op, a[i * sa], b[i * sb]);
                }

                break;
        }
    }

    /// <inheritdoc/>
    public override void Compare(CompareOp op, T* a, long sa, T* b, long sb, bool* o, long so, long n)
    {
        switch (op)
        {
            case CompareOp.Equal:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] == b[i * sb];
                }

                break;
            case CompareOp.NotEqual:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] != b[i * sb];
                }

                break;
            case CompareOp.Less:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] < b[i * sb];
                }

                break;
            case CompareOp.LessOrEqual:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] <= b[i * sb];
                }

                break;
            case CompareOp.Greater:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] > b[i * sb];
                }

                break;
            default:
                for (long i = 0; i < n; i++)
                {
                    o[i * so] = a[i * sa] >= b[i * sb];
                }

                break;
        }
    }

    /// <inheritdoc/>
    public override void Negate(T* a, long sa, T* o, long so, long n)
    {
        if (sa == 1 && so == 1)
        {
            for (long done = 0; done < n; done += Segment)
            {
                var len = (int)Math.Min(Segment, n - done);
                TensorPrimitives.Negate(new ReadOnlySpan<T>(a + done, len), new Span<T>(o + done, len));
            }

            return;
        }

        for (long i = 0; i < n; i++)
        {
            o[i * so] = -a[i * sa];
        }
    }

    /// <inheritdoc/>
    public override T Reduce(BinaryOp op, T* a, long sa, long n, T acc)
    {
        if (sa == 1)
        {
            for (long done = 0; done < n; done += Segment)
            {
                var span = new ReadOnlySpan<T>(a + done, (int)Math.Min(Segment, n - done));
                acc = op switch
                {
                    BinaryOp.Add => acc + TensorPrimitives.Sum(span),
                    BinaryOp.Multiply => acc * TensorPrimitives.Product(span),
                    BinaryOp.Min => T.Min(acc, TensorPrimitives.Min(span)),
                    BinaryOp.Max => T.Max(acc, TensorPrimitives.Max(span)),
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a reduction."),
                };
            }

            return acc;
        }

        for (long i = 0; i < n; i++)
        {
            acc = Apply(op, acc, a[i * sa]);
        }

        return acc;
    }

    /// <inheritdoc/>
    public override void ToBool(T* a, long sa, bool* o, long so, long n)
    {
        for (long i = 0; i < n; i++)
        {
            o[i * so] = a[i * sa] != T.Zero;
        }
    }

    private static T Apply(BinaryOp op, T x, T y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Subtract => x - y,
        BinaryOp.Multiply => x * y,
        BinaryOp.Divide => x / y,
        BinaryOp.Remainder => x % y,
        BinaryOp.Min => T.Min(x, y),
        BinaryOp.Max => T.Max(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operation."),
    };

    private static void Both(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unsupported.");
        }
    }

    private static void ScalarSecond(BinaryOp op, ReadOnlySpan<T> x, T y, Span<T> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unsupported.");
        }
    }

    private static void ScalarFirst(BinaryOp op, T x, ReadOnlySpan<T> y, Span<T> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, d); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(y, x, d); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(y, x, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(y, x, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "Unsupported.");
        }
    }
}
