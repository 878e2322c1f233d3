namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>
    /// A generator of random arrays for <paramref name="seed"/> (Dask's <c>da.random.default_rng(seed)</c>):
    /// <c>DArray.Random(42).Normal(0, 1, [n, n], 1024)</c>. Values depend only on the seed, the call's order on
    /// the generator and each element's index, never on chunks, scheduler or workers.
    /// </summary>
    /// <param name="seed">The seed (64 bits are used).</param>
    public static RandomGenerator Random(ulong seed) => new(seed);
}
