using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

/// <summary>The common chunking of broadcast inputs (the shapes themselves broadcast with <see cref="Shapes.Broadcast"/>).</summary>
internal static class Broadcasting
{
    /// <summary>The block of input <paramref name="input"/> that output block <paramref name="block"/> reads.</summary>
    public static int[] InputBlock(Expr input, int ndim, int[] block)
    {
        int offset = ndim - input.NDim;
        var index = new int[input.NDim];
        for (int axis = 0; axis < input.NDim; axis++)
        {
            index[axis] = input.Chunks[axis].Length == 1 ? 0 : block[axis + offset];
        }

        return index;
    }

    /// <summary>Per output axis, the chunks every non-broadcast input must have: the union of their boundaries.</summary>
    public static long[][] UnifyChunks(long[] shape, Expr[] inputs)
    {
        int ndim = shape.Length;
        var result = new long[ndim][];
        for (int axis = 0; axis < ndim; axis++)
        {
            var cuts = new SortedSet<long>();
            foreach (var input in inputs)
            {
                int own = axis - (ndim - input.NDim);
                if (own < 0 || (input.Shape[own] == 1 && shape[axis] != 1))
                {
                    continue;
                }

                long pos = 0;
                foreach (var c in input.Chunks[own])
                {
                    pos += c;
                    cuts.Add(pos);
                }
            }

            long prev = 0;
            var sizes = new List<long>();
            foreach (var cut in cuts)
            {
                if (cut > prev)
                {
                    sizes.Add(cut - prev);
                }

                prev = cut;
            }

            result[axis] = sizes.Count == 0 ? [shape[axis]] : [.. sizes];
        }

        return result;
    }

    /// <summary>The chunks <paramref name="input"/> must have to line up with <paramref name="unified"/>.</summary>
    public static long[][] ChunksFor(Expr input, long[][] unified)
    {
        int offset = unified.Length - input.NDim;
        var chunks = new long[input.NDim][];
        for (int axis = 0; axis < input.NDim; axis++)
        {
            chunks[axis] = input.Shape[axis] == 1 && unified[axis + offset].Sum() != 1 ? input.Chunks[axis] : unified[axis + offset];
        }

        return chunks;
    }

    /// <summary>The chunks of a broadcast result: per axis, those of an input that is not of length one there.</summary>
    public static long[][] OutputChunks(int ndim, IReadOnlyList<Expr> inputs)
    {
        var chunks = new long[ndim][];
        for (int axis = 0; axis < ndim; axis++)
        {
            chunks[axis] = [1];
        }

        foreach (var input in inputs)
        {
            int offset = ndim - input.NDim;
            for (int axis = 0; axis < input.NDim; axis++)
            {
                if (input.Shape[axis] != 1 || chunks[axis + offset].Length == 0)
                {
                    chunks[axis + offset] = input.Chunks[axis];
                }
            }
        }

        return chunks;
    }
}
