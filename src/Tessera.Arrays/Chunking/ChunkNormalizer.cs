namespace Tessera.Arrays;

/// <summary>Resolves <see cref="ChunkSpec"/> requests into concrete <see cref="Chunks"/> for a shape.</summary>
internal static class ChunkNormalizer
{
    /// <summary>
    /// Resolves <paramref name="spec"/> against <paramref name="shape"/>:
    /// a uniform size or block-shape entry <c>c</c> gives <c>n / c</c> chunks of <c>c</c> plus a remainder chunk
    /// (clipped to the axis when <c>c</c> exceeds it); <see cref="ChunkSpec.FullAxis"/> gives one chunk;
    /// <see cref="ChunkSpec.AutoAxis"/>/<see cref="ChunkSpec.Auto"/> use <see cref="AutoChunker"/>;
    /// explicit per-axis sizes are validated (positive, summing to the axis length). Empty axes give <c>(0,)</c>.
    /// </summary>
    /// <param name="spec">The request.</param>
    /// <param name="shape">Array shape in elements (each &gt;= 0).</param>
    /// <param name="itemSize">Bytes per element (&gt; 0); used only for automatic axes.</param>
    /// <param name="autoLimitBytes">Target bytes per block for automatic axes (128 MiB by default at call sites).</param>
    /// <param name="operation">Calling operation named in error messages.</param>
    /// <exception cref="ArgumentException">Wrong axis count, non-positive sizes, or sizes not tiling the shape.</exception>
    public static Chunks Normalize(ChunkSpec spec, IReadOnlyList<long> shape, int itemSize, long autoLimitBytes, string operation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shape);
        string shapeText = PyTuple.Format(shape);
        for (int d = 0; d < shape.Count; d++)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"{operation}: shape {shapeText} has a negative length on axis {d}.", nameof(shape));
            }
        }

        long[] entries;
        switch (spec.Kind)
        {
            case ChunkSpecKind.PerAxis:
                return FromPerAxis(spec, shape, operation, shapeText);
            case ChunkSpecKind.Auto:
                entries = Enumerable.Repeat(ChunkSpec.AutoAxis, shape.Count).ToArray();
                break;
            case ChunkSpecKind.Uniform:
                entries = Enumerable.Repeat(spec.BlockShapeValues![0], shape.Count).ToArray();
                break;
            default:
                entries = spec.BlockShapeValues!;
                if (entries.Length != shape.Count)
                {
                    throw new ArgumentException(
                        $"{operation}: chunk spec {spec} has {entries.Length} axes but shape {shapeText} has {shape.Count}; expected one block-shape entry per axis.",
                        nameof(spec));
                }

                break;
        }

        var resolved = new long[shape.Count];
        for (int d = 0; d < shape.Count; d++)
        {
            long e = entries[d];
            if (e == 0 || e < ChunkSpec.AutoAxis)
            {
                throw new ArgumentException(
                    $"{operation}: chunk spec {spec} has size {e} on axis {d} for shape {shapeText}; expected a positive size, -1 (full axis) or 'auto'.",
                    nameof(spec));
            }

            resolved[d] = e == ChunkSpec.FullAxis ? Math.Max(1, shape[d]) : e;
        }

        if (resolved.Contains(ChunkSpec.AutoAxis))
        {
            if (itemSize <= 0)
            {
                throw new ArgumentException(
                    $"{operation}: automatic chunking of shape {shapeText} with chunk spec {spec} needs a positive item size, got {itemSize}.",
                    nameof(itemSize));
            }

            resolved = AutoChunker.Resolve(resolved, shape, itemSize, autoLimitBytes);
        }

        var axes = new long[shape.Count][];
        for (int d = 0; d < shape.Count; d++)
        {
            axes[d] = Regular(shape[d], resolved[d]);
        }

        return new Chunks(axes);
    }

    /// <summary>Splits an axis of <paramref name="length"/> elements into chunks of <paramref name="size"/> plus a remainder.</summary>
    /// <param name="length">Axis length (&gt;= 0); 0 gives <c>(0,)</c>.</param>
    /// <param name="size">Chunk size (&gt; 0); clipped to the length.</param>
    public static long[] Regular(long length, long size)
    {
        if (length == 0)
        {
            return [0];
        }

        size = Math.Min(size, length);
        long full = length / size;
        long rem = length % size;
        var result = new long[full + (rem > 0 ? 1 : 0)];
        Array.Fill(result, size, 0, (int)full);
        if (rem > 0)
        {
            result[^1] = rem;
        }

        return result;
    }

    private static Chunks FromPerAxis(ChunkSpec spec, IReadOnlyList<long> shape, string operation, string shapeText)
    {
        long[][] axes = spec.PerAxisValues!;
        if (axes.Length != shape.Count)
        {
            throw new ArgumentException(
                $"{operation}: chunk spec {spec} has {axes.Length} axes but shape {shapeText} has {shape.Count}; expected one chunk-size list per axis.",
                nameof(spec));
        }

        for (int d = 0; d < axes.Length; d++)
        {
            long[] sizes = axes[d];
            bool emptyAxis = shape[d] == 0 && sizes.Length == 1 && sizes[0] == 0;
            if (!emptyAxis && (sizes.Length == 0 || sizes.Any(s => s <= 0)))
            {
                throw new ArgumentException(
                    $"{operation}: chunk spec {spec} has a zero or negative chunk size (or no chunks) on axis {d} for shape {shapeText}; expected positive sizes.",
                    nameof(spec));
            }

            long sum = sizes.Sum();
            if (sum != shape[d])
            {
                throw new ArgumentException(
                    $"{operation}: chunk spec {spec} does not tile shape {shapeText}: axis {d} chunks sum to {sum}, expected {shape[d]}.",
                    nameof(spec));
            }
        }

        return new Chunks(axes);
    }
}
