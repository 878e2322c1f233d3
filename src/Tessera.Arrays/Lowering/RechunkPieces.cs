using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Lowering;

/// <summary>A part of a new block: a selection inside one old block and where it lands in the new block.</summary>
internal sealed record RechunkPiece(int[] OldBlock, AxisSlice[] Local, long[] DestOffset);

/// <summary>The pieces each new block of a rechunk is assembled from.</summary>
internal static class RechunkPieces
{
    /// <summary>Per new chunk along one axis: (old block, start and stop inside it, offset inside the new chunk).</summary>
    public static (int Old, long Start, long Stop, long Dest)[][] OldToNew(long[] oldChunks, long[] newChunks)
    {
        var result = new (int, long, long, long)[newChunks.Length][];
        int ob = 0;
        long oldStart = 0;
        long pos = 0;
        for (int nb = 0; nb < newChunks.Length; nb++)
        {
            long end = pos + newChunks[nb];
            var pieces = new List<(int, long, long, long)>();
            long cursor = pos;
            while (cursor < end)
            {
                while (oldStart + oldChunks[ob] <= cursor)
                {
                    oldStart += oldChunks[ob++];
                }

                long stop = Math.Min(end, oldStart + oldChunks[ob]);
                pieces.Add((ob, cursor - oldStart, stop - oldStart, cursor - pos));
                cursor = stop;
            }

            result[nb] = [.. pieces];
            pos = end;
        }

        return result;
    }

    /// <summary>The pieces of new block <paramref name="block"/>: the cartesian product over axes.</summary>
    public static RechunkPiece[] Combine((int Old, long Start, long Stop, long Dest)[][][] perAxis, int[] block)
    {
        var result = new List<RechunkPiece>();
        int ndim = block.Length;
        var choice = new int[ndim];
        while (true)
        {
            var old = new int[ndim];
            var local = new AxisSlice[ndim];
            var dest = new long[ndim];
            for (int a = 0; a < ndim; a++)
            {
                var p = perAxis[a][block[a]][choice[a]];
                old[a] = p.Old;
                local[a] = new AxisSlice(p.Start, p.Stop, 1, false);
                dest[a] = p.Dest;
            }

            result.Add(new RechunkPiece(old, local, dest));
            int axis = ndim - 1;
            while (axis >= 0 && ++choice[axis] == perAxis[axis][block[axis]].Length)
            {
                choice[axis--] = 0;
            }

            if (axis < 0)
            {
                return [.. result];
            }
        }
    }
}
