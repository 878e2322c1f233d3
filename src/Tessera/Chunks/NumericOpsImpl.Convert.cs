using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera;

/// <summary>Type conversion kernels.</summary>
internal sealed unsafe partial class NumericOpsImpl<T>
{
    /// <inheritdoc/>
    public override void ConvertFrom<TIn>(TIn* a, long sa, T* o, long so, long n)
    {
        if (typeof(TIn) == typeof(bool))
        {
            var src = (bool*)a;
            for (long i = 0; i < n; i++)
            {
                o[i * so] = src[i * sa] ? T.One : T.Zero;
            }
        }
        else if (typeof(TIn) == typeof(sbyte))
        {
            Convert((sbyte*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(byte))
        {
            Convert((byte*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(short))
        {
            Convert((short*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(ushort))
        {
            Convert((ushort*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(int))
        {
            Convert((int*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(uint))
        {
            Convert((uint*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(long))
        {
            Convert((long*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(ulong))
        {
            Convert((ulong*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(float))
        {
            Convert((float*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(double))
        {
            Convert((double*)a, sa, o, so, n);
        }
        else if (typeof(TIn) == typeof(Half))
        {
            Convert((Half*)a, sa, o, so, n);
        }
        else
        {
            throw new NotSupportedException($"AsType: cannot convert from {typeof(TIn).Name} to {DTypeInfo<T>.Name}.");
        }
    }

    private static void Convert<TFrom>(TFrom* a, long sa, T* o, long so, long n)
        where TFrom : unmanaged, INumberBase<TFrom>
    {
        if (sa == 1 && so == 1)
        {
            for (long done = 0; done < n; done += Segment)
            {
                var len = (int)Math.Min(Segment, n - done);
                TensorPrimitives.ConvertTruncating<TFrom, T>(new ReadOnlySpan<TFrom>(a + done, len), new Span<T>(o + done, len));
            }

            return;
        }

        for (long i = 0; i < n; i++)
        {
            o[i * so] = T.CreateTruncating(a[i * sa]);
        }
    }
}
