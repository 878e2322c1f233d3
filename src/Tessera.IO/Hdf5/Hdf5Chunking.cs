namespace Tessera.IO.Hdf5;

/// <summary>
/// The default blocks of <c>FromHdf5</c>: whole multiples of the dataset's stored chunks (so no chunk is decoded by
/// two tasks), grown until a block nears the 128 MiB of Tessera's "auto" chunking, as dask's <c>from_array</c> does
/// with an h5py dataset's chunks.
/// </summary>
internal static class Hdf5Chunking
{
    public const long TargetBytes = 128L << 20;

    public static long[] Blocks(long[] shape, long[] stored, int itemSize, long targetBytes = TargetBytes)
    {
        var block = stored.Select((c, a) => Math.Clamp(c, 1, Math.Max(1, shape[a]))).ToArray();
        bool grew = true;
        while (grew)
        {
            grew = false;
            for (int a = block.Length - 1; a >= 0; a--)
            {
                if (block[a] >= shape[a])
                {
                    continue;
                }

                long bytes = block.Aggregate((long)itemSize, (x, y) => x * y);
                long doubled = Math.Min(block[a] * 2, RoundUp(shape[a], stored[a]));
                if (bytes / block[a] * doubled > targetBytes)
                {
                    continue;
                }

                block[a] = Math.Min(doubled, shape[a]);
                grew = true;
            }
        }

        return block;
    }

    private static long RoundUp(long n, long multiple) => (n + multiple - 1) / multiple * multiple;
}
