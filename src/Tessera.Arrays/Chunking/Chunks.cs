using System.Text;

namespace Tessera.Arrays;

/// <summary>
/// The chunking of an n-dimensional array: for every axis, the sizes (in elements) of the
/// consecutive blocks along that axis, like Dask's <c>((4096, 4096), (4096, 4096))</c>.
/// Immutable; equality is structural.
/// </summary>
/// <remarks>
/// Sizes are non-negative element counts. A size of zero is only produced for empty axes
/// or empty slices; <see cref="ChunkSpec"/> normalization rejects zero sizes elsewhere.
/// </remarks>
public sealed class Chunks : IEquatable<Chunks>
{
    private readonly long[][] _axes;
    private readonly long[][] _offsets;

    /// <summary>Creates a chunking from per-axis chunk size lists (copied).</summary>
    /// <param name="axes">For each axis, the chunk sizes in elements; every axis needs at least one chunk.</param>
    /// <exception cref="ArgumentException">An axis has no chunks or a negative size.</exception>
    public Chunks(IEnumerable<IEnumerable<long>> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        _axes = axes.Select(a => a.ToArray()).ToArray();
        _offsets = new long[_axes.Length][];
        for (int d = 0; d < _axes.Length; d++)
        {
            long[] sizes = _axes[d];
            if (sizes.Length == 0)
            {
                throw new ArgumentException(
                    $"Chunks: axis {d} has no chunks; every axis needs at least one chunk (use (0,) for an empty axis).",
                    nameof(axes));
            }

            var off = new long[sizes.Length + 1];
            for (int i = 0; i < sizes.Length; i++)
            {
                if (sizes[i] < 0)
                {
                    throw new ArgumentException(
                        $"Chunks: axis {d} chunk {i} has negative size {sizes[i]}; chunk sizes must be >= 0.",
                        nameof(axes));
                }

                off[i + 1] = checked(off[i] + sizes[i]);
            }

            _offsets[d] = off;
        }
    }

    /// <summary>Creates a chunking from per-axis chunk size arrays (copied).</summary>
    /// <param name="axes">For each axis, the chunk sizes in elements.</param>
    public Chunks(params long[][] axes)
        : this((IEnumerable<IEnumerable<long>>)axes)
    {
    }

    /// <summary>Number of axes (dimensions).</summary>
    public int Rank => _axes.Length;

    /// <summary>The chunk sizes along <paramref name="axis"/>.</summary>
    /// <param name="axis">Zero-based axis.</param>
    public IReadOnlyList<long> this[int axis] => _axes[axis];

    /// <summary>The array shape: per axis, the sum of its chunk sizes.</summary>
    public long[] Shape => _offsets.Select(o => o[^1]).ToArray();

    /// <summary>Number of blocks along each axis.</summary>
    public int[] BlocksPerAxis => _axes.Select(a => a.Length).ToArray();

    /// <summary>Total number of blocks (product of <see cref="BlocksPerAxis"/>; 1 for rank 0).</summary>
    public long BlockCount => _axes.Aggregate(1L, (acc, a) => checked(acc * a.Length));

    /// <summary>Total number of elements (product of <see cref="Shape"/>).</summary>
    public long ElementCount => _offsets.Aggregate(1L, (acc, o) => checked(acc * o[^1]));

    /// <summary>
    /// Cumulative block boundaries along <paramref name="axis"/>: <c>n + 1</c> values starting at 0
    /// and ending at the axis length; block <c>i</c> covers <c>[offsets[i], offsets[i + 1])</c>.
    /// </summary>
    /// <param name="axis">Zero-based axis.</param>
    public IReadOnlyList<long> Offsets(int axis) => _offsets[axis];

    /// <summary>The shape (elements per axis) of the block at <paramref name="blockIndex"/>.</summary>
    /// <param name="blockIndex">One block number per axis.</param>
    /// <exception cref="ArgumentException">Wrong number of indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its axis.</exception>
    public long[] BlockShape(ReadOnlySpan<int> blockIndex)
    {
        CheckIndex(blockIndex);
        var shape = new long[Rank];
        for (int d = 0; d < Rank; d++)
        {
            shape[d] = _axes[d][blockIndex[d]];
        }

        return shape;
    }

    /// <summary>The global element offset (per axis) of the first element of a block.</summary>
    /// <param name="blockIndex">One block number per axis.</param>
    public long[] BlockOffset(ReadOnlySpan<int> blockIndex)
    {
        CheckIndex(blockIndex);
        var start = new long[Rank];
        for (int d = 0; d < Rank; d++)
        {
            start[d] = _offsets[d][blockIndex[d]];
        }

        return start;
    }

    /// <summary>Per axis, the largest chunk size (Dask's <c>chunksize</c>); the bounding shape of every block.</summary>
    public long[] LargestBlockShape => _axes.Select(a => a.Max()).ToArray();

    /// <summary>Number of elements in the largest block (product of <see cref="LargestBlockShape"/>).</summary>
    public long LargestBlockElements => _axes.Aggregate(1L, (acc, a) => checked(acc * a.Max()));

    /// <summary>
    /// Finds the block along <paramref name="axis"/> holding global element <paramref name="index"/>
    /// (binary search over the offsets). Zero-size blocks are skipped.
    /// </summary>
    /// <param name="axis">Zero-based axis.</param>
    /// <param name="index">Global element index, 0 &lt;= index &lt; axis length.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the axis.</exception>
    public int BlockOf(int axis, long index)
    {
        long[] off = _offsets[axis];
        if (index < 0 || index >= off[^1])
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), index, $"Chunks.BlockOf: index must be in [0, {off[^1]}) on axis {axis}.");
        }

        // Largest i with off[i] <= index and off[i+1] > index.
        int lo = 0, hi = off.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (off[mid] <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// The blocks along <paramref name="axis"/> that the global range <c>[start, stop)</c> touches,
    /// each with the local (in-block) contiguous range. Empty when <c>start == stop</c>.
    /// </summary>
    /// <param name="axis">Zero-based axis.</param>
    /// <param name="start">Inclusive global start, 0 &lt;= start &lt;= stop.</param>
    /// <param name="stop">Exclusive global stop, &lt;= axis length.</param>
    public IReadOnlyList<BlockPiece> Locate(int axis, long start, long stop)
    {
        long[] off = _offsets[axis];
        if (start < 0 || stop < start || stop > off[^1])
        {
            throw new ArgumentOutOfRangeException(
                nameof(stop), $"Chunks.Locate: need 0 <= start <= stop <= {off[^1]} on axis {axis}, got [{start}, {stop}).");
        }

        var result = new List<BlockPiece>();
        if (start == stop)
        {
            return result;
        }

        for (int b = BlockOf(axis, start); b < _axes[axis].Length && off[b] < stop; b++)
        {
            long lo = Math.Max(start, off[b]) - off[b];
            long hi = Math.Min(stop, off[b + 1]) - off[b];
            if (hi > lo)
            {
                result.Add(new BlockPiece(b, AxisSlice.Range(lo, hi)));
            }
        }

        return result;
    }

    /// <summary>Enumerates every block index in C (row-major) order.</summary>
    public IEnumerable<int[]> BlockIndices()
    {
        int[] counts = BlocksPerAxis;
        if (counts.Any(c => c == 0))
        {
            yield break;
        }

        var idx = new int[Rank];
        while (true)
        {
            yield return (int[])idx.Clone();
            int d = Rank - 1;
            while (d >= 0 && ++idx[d] == counts[d])
            {
                idx[d] = 0;
                d--;
            }

            if (d < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Python-tuple text, e.g. <c>((5, 5), (3,))</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append('(');
        for (int d = 0; d < Rank; d++)
        {
            if (d > 0)
            {
                sb.Append(", ");
            }

            sb.Append(PyTuple.Format(_axes[d]));
        }

        if (Rank == 1)
        {
            sb.Append(',');
        }

        sb.Append(')');
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(Chunks? other)
    {
        if (other is null || other.Rank != Rank)
        {
            return false;
        }

        for (int d = 0; d < Rank; d++)
        {
            if (!_axes[d].AsSpan().SequenceEqual(other._axes[d]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Chunks);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (long[] a in _axes)
        {
            h.Add(a.Length);
            foreach (long s in a)
            {
                h.Add(s);
            }
        }

        return h.ToHashCode();
    }

    private void CheckIndex(ReadOnlySpan<int> blockIndex)
    {
        if (blockIndex.Length != Rank)
        {
            throw new ArgumentException(
                $"Chunks: block index has {blockIndex.Length} entries, expected {Rank} (one per axis).",
                nameof(blockIndex));
        }

        for (int d = 0; d < Rank; d++)
        {
            if ((uint)blockIndex[d] >= (uint)_axes[d].Length)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(blockIndex), blockIndex[d], $"Chunks: block index on axis {d} must be in [0, {_axes[d].Length}).");
            }
        }
    }

    /// <summary>The sizes as per-axis arrays (the form expressions keep).</summary>
    internal long[][] ToArrays() => [.. _axes.Select(a => (long[])a.Clone())];

    /// <summary>Whether two per-axis size arrays describe the same chunking.</summary>
    internal static bool Same(long[][] a, long[][] b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
