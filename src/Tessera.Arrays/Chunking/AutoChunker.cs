namespace Tessera.Arrays;

/// <summary>
/// Automatic chunk sizes, following Dask's <c>auto_chunks</c> behaviour (without previous chunks):
/// the block-byte budget is shared evenly by the automatic axes, giving square-ish blocks.
/// </summary>
/// <remarks>
/// With <c>k</c> automatic axes and the product <c>F</c> of the fixed block sizes, the candidate edge is
/// <c>e = (limit / itemSize / F)^(1/k)</c>. Automatic axes shorter than <c>e</c> become full axes and the
/// budget is recomputed; the rest get <c>max(1, floor(e))</c>. Examples (verified with Dask 2022.12):
/// (20000, 20000) float64 at 128 MiB → 4096 x 4096 (last chunk 3616);
/// (10, 16384, 16384) int64 → (10, 1295, 1295);
/// (100000000,) float64 → 16777216.
/// One deliberate difference: fixed block sizes larger than their axis count as the axis length when
/// sharing the budget (Dask uses them unclipped). Previous-chunk-aware auto chunking is not implemented.
/// </remarks>
internal static class AutoChunker
{
    /// <summary>Replaces every <see cref="ChunkSpec.AutoAxis"/> entry of <paramref name="blockShape"/> with a size.</summary>
    /// <param name="blockShape">Per-axis block sizes (positive) or <see cref="ChunkSpec.AutoAxis"/>.</param>
    /// <param name="shape">Array shape in elements.</param>
    /// <param name="itemSize">Bytes per element (&gt; 0).</param>
    /// <param name="limitBytes">Target bytes per block (values &lt; 1 are treated as 1).</param>
    /// <returns>A new block shape with only positive sizes.</returns>
    public static long[] Resolve(IReadOnlyList<long> blockShape, IReadOnlyList<long> shape, int itemSize, long limitBytes)
    {
        long[] result = blockShape.ToArray();
        double limit = Math.Max(1, limitBytes);
        while (true)
        {
            var autos = Enumerable.Range(0, result.Length).Where(i => result[i] == ChunkSpec.AutoAxis).ToList();
            if (autos.Count == 0)
            {
                return result;
            }

            double fixedElements = 1;
            for (int i = 0; i < result.Length; i++)
            {
                if (result[i] != ChunkSpec.AutoAxis)
                {
                    fixedElements *= Math.Min(result[i], Math.Max(1, shape[i]));
                }
            }

            double edge = Math.Pow(limit / itemSize / fixedElements, 1.0 / autos.Count);
            var small = autos.Where(i => shape[i] < edge).ToList();
            if (small.Count > 0)
            {
                foreach (int i in small)
                {
                    result[i] = Math.Max(1, shape[i]);
                }

                continue;
            }

            foreach (int i in autos)
            {
                result[i] = Math.Max(1, (long)edge);
            }

            return result;
        }
    }
}
