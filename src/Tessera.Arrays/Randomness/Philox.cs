using System.Runtime.CompilerServices;

namespace Tessera.Arrays.Randomness;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon et al., SC'11, as in Random123 and NumPy's
/// <c>Philox</c>): a 128-bit counter and a 64-bit key give four 32-bit words after ten rounds of
/// multiply-xor mixing. No state: the same (counter, key) always gives the same words, which is
/// what lets every element of a random array depend only on the seed and its index.
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;

    /// <summary>The four words for counter (c0, c1, c2, c3) under key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }

        return (c0, c1, c2, c3);
    }

    /// <summary>A double in [0, 1) from the 53 high bits of two words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Unit(uint hi, uint lo) => ((((ulong)hi << 32) | lo) >> 11) * (1.0 / (1UL << 53));
}
