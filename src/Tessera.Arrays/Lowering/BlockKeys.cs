namespace Tessera.Arrays.Lowering;

/// <summary>The keys of an expression's blocks, in C order over its block grid, and the layers they live in.</summary>
internal sealed class BlockKeys(int[] blocksPerAxis, Key[] keys, IReadOnlyCollection<string> layers)
{
    public int[] BlocksPerAxis { get; } = blocksPerAxis;

    public Key[] Keys { get; } = keys;

    /// <summary>The names of the layers whose tasks produce these keys (a layer that depends on them depends on these).</summary>
    public IReadOnlyCollection<string> Layers { get; } = layers;

    public Key this[ReadOnlySpan<int> block] => Keys[Flat(BlocksPerAxis, block)];

    public static int Flat(int[] blocksPerAxis, ReadOnlySpan<int> block)
    {
        int flat = 0;
        for (int axis = 0; axis < blocksPerAxis.Length; axis++)
        {
            flat = (flat * blocksPerAxis[axis]) + block[axis];
        }

        return flat;
    }

    /// <summary>Every block index of a grid, in C order.</summary>
    public static IEnumerable<int[]> Enumerate(int[] blocksPerAxis)
    {
        long total = 1;
        foreach (var n in blocksPerAxis)
        {
            total *= n;
        }

        var index = new int[blocksPerAxis.Length];
        for (long i = 0; i < total; i++)
        {
            yield return (int[])index.Clone();
            for (int axis = blocksPerAxis.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < blocksPerAxis[axis])
                {
                    break;
                }

                index[axis] = 0;
            }
        }
    }
}
