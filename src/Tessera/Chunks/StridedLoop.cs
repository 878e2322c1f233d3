namespace Tessera;

/// <summary>Receives one innermost run of a strided traversal.</summary>
internal interface IRunVisitor
{
    /// <summary>
    /// Processes <paramref name="length"/> elements; operand <c>k</c> starts <c>offsets[k]</c> elements after its
    /// base pointer and advances <c>strides[k]</c> elements per element.
    /// </summary>
    void Run(ReadOnlySpan<long> offsets, ReadOnlySpan<long> strides, long length);
}

/// <summary>
/// Walks several equally shaped strided operands together. Adjacent axes that are laid out contiguously for every
/// operand are merged first, so contiguous arrays become a single run and kernels see long inner loops.
/// </summary>
internal static class StridedLoop
{
    /// <summary>Visits every innermost run.</summary>
    /// <param name="shape">Common shape of the operands.</param>
    /// <param name="strides">Per-operand strides in elements, operand-major: <c>strides[k][axis]</c>.</param>
    /// <param name="visitor">The run consumer.</param>
    public static void ForEachRun<TVisitor>(ReadOnlySpan<long> shape, long[][] strides, ref TVisitor visitor)
        where TVisitor : struct, IRunVisitor
    {
        var nd = shape.Length;
        var ops = strides.Length;
        foreach (var d in shape)
        {
            if (d == 0)
            {
                return;
            }
        }

        var width = Math.Max(nd, 1);
        Span<long> cShape = nd <= 32 ? stackalloc long[width] : new long[width];
        Span<long> cStrides = nd * ops <= 128 ? stackalloc long[width * ops] : new long[width * ops];
        var m = 0;
        for (var d = 0; d < nd; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }

            var merge = m > 0;
            for (var k = 0; merge && k < ops; k++)
            {
                merge = cStrides[(k * width) + m - 1] == strides[k][d] * shape[d];
            }

            if (merge)
            {
                cShape[m - 1] *= shape[d];
                for (var k = 0; k < ops; k++)
                {
                    cStrides[(k * width) + m - 1] = strides[k][d];
                }
            }
            else
            {
                cShape[m] = shape[d];
                for (var k = 0; k < ops; k++)
                {
                    cStrides[(k * width) + m] = strides[k][d];
                }

                m++;
            }
        }

        if (m == 0)
        {
            m = 1;
            cShape[0] = 1;
            for (var k = 0; k < ops; k++)
            {
                cStrides[k * width] = 0;
            }
        }

        Span<long> inner = stackalloc long[ops];
        Span<long> offsets = stackalloc long[ops];
        for (var k = 0; k < ops; k++)
        {
            inner[k] = cStrides[(k * width) + m - 1];
        }

        var innerLength = cShape[m - 1];
        Span<long> counters = stackalloc long[m];
        while (true)
        {
            visitor.Run(offsets, inner, innerLength);
            var d = m - 2;
            for (; d >= 0; d--)
            {
                counters[d]++;
                for (var k = 0; k < ops; k++)
                {
                    offsets[k] += cStrides[(k * width) + d];
                }

                if (counters[d] < cShape[d])
                {
                    break;
                }

                for (var k = 0; k < ops; k++)
                {
                    offsets[k] -= cStrides[(k * width) + d] * cShape[d];
                }

                counters[d] = 0;
            }

            if (d < 0)
            {
                return;
            }
        }
    }
}
