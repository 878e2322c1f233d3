namespace Tessera.IO.Codecs;

/// <summary>Blosc's bit shuffle, element group by element group: the reference the vector path is tested against.</summary>
internal static class BitShuffleScalar
{
    /// <summary>
    /// Bit shuffle: bit k of byte j of element i goes to row <c>8j + k</c>, bit <c>i mod 8</c> of byte <c>i / 8</c>
    /// (rows of n/8 bytes). Only a multiple of 8 elements is transposed; the rest is copied, as c-blosc does.
    /// </summary>
    public static void BitShuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest)
    {
        int n = src.Length / typesize;
        if (n % 8 != 0)
        {
            src.CopyTo(dest);
            return;
        }

        int rowBytes = n / 8;
        for (int g = 0; g < rowBytes; g++)
        {
            // Eight elements → for each of their bytes, an 8x8 bit transpose.
            for (int j = 0; j < typesize; j++)
            {
                ulong x = 0;
                for (int e = 0; e < 8; e++)
                {
                    x |= (ulong)src[(((g * 8) + e) * typesize) + j] << (8 * e);
                }

                x = Transpose8x8(x);
                for (int k = 0; k < 8; k++)
                {
                    dest[(((j * 8) + k) * rowBytes) + g] = (byte)(x >> (8 * k));
                }
            }
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    /// <summary>The inverse of <see cref="BitShuffle"/>.</summary>
    public static void BitUnshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest)
    {
        int n = src.Length / typesize;
        if (n % 8 != 0)
        {
            src.CopyTo(dest);
            return;
        }

        int rowBytes = n / 8;
        for (int g = 0; g < rowBytes; g++)
        {
            for (int j = 0; j < typesize; j++)
            {
                ulong x = 0;
                for (int k = 0; k < 8; k++)
                {
                    x |= (ulong)src[(((j * 8) + k) * rowBytes) + g] << (8 * k);
                }

                x = Transpose8x8(x);
                for (int e = 0; e < 8; e++)
                {
                    dest[(((g * 8) + e) * typesize) + j] = (byte)(x >> (8 * e));
                }
            }
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    /// <summary>Transposes an 8x8 bit matrix held as 8 bytes (byte r = row r, bit c = column c); its own inverse.</summary>
    public static ulong Transpose8x8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }
}
