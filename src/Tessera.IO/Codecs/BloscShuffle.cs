namespace Tessera.IO.Codecs;

/// <summary>Blosc's byte shuffle and bit shuffle of one block (the layouts of c-blosc 1.x, written from its format description).</summary>
internal static class BloscShuffle
{
    /// <summary>Byte shuffle: byte j of element i goes to <c>j * n + i</c>; the bytes past the last whole element stay in place.</summary>
    public static unsafe void Shuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest)
    {
        int n = src.Length / typesize;
        fixed (byte* s = src)
        fixed (byte* d = dest)
        {
            if (typesize == 8)
            {
                ulong* s64 = (ulong*)s;
                for (int i = 0; i < n; i++)
                {
                    ulong v = s64[i];
                    d[i] = (byte)v;
                    d[n + i] = (byte)(v >> 8);
                    d[(2 * n) + i] = (byte)(v >> 16);
                    d[(3 * n) + i] = (byte)(v >> 24);
                    d[(4 * n) + i] = (byte)(v >> 32);
                    d[(5 * n) + i] = (byte)(v >> 40);
                    d[(6 * n) + i] = (byte)(v >> 48);
                    d[(7 * n) + i] = (byte)(v >> 56);
                }
            }
            else if (typesize == 4)
            {
                uint* s32 = (uint*)s;
                for (int i = 0; i < n; i++)
                {
                    uint v = s32[i];
                    d[i] = (byte)v;
                    d[n + i] = (byte)(v >> 8);
                    d[(2 * n) + i] = (byte)(v >> 16);
                    d[(3 * n) + i] = (byte)(v >> 24);
                }
            }
            else
            {
                for (int j = 0; j < typesize; j++)
                {
                    byte* row = d + ((long)j * n);
                    byte* from = s + j;
                    for (int i = 0; i < n; i++)
                    {
                        row[i] = from[(long)i * typesize];
                    }
                }
            }
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    /// <summary>The inverse of <see cref="Shuffle"/>.</summary>
    public static unsafe void Unshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest)
    {
        int n = src.Length / typesize;
        fixed (byte* s = src)
        fixed (byte* d = dest)
        {
            if (typesize == 8)
            {
                ulong* d64 = (ulong*)d;
                byte* s0 = s, s1 = s + n, s2 = s + (2L * n), s3 = s + (3L * n), s4 = s + (4L * n), s5 = s + (5L * n), s6 = s + (6L * n), s7 = s + (7L * n);
                for (int i = 0; i < n; i++)
                {
                    d64[i] = s0[i] | ((ulong)s1[i] << 8) | ((ulong)s2[i] << 16) | ((ulong)s3[i] << 24)
                        | ((ulong)s4[i] << 32) | ((ulong)s5[i] << 40) | ((ulong)s6[i] << 48) | ((ulong)s7[i] << 56);
                }
            }
            else if (typesize == 4)
            {
                uint* d32 = (uint*)d;
                byte* s0 = s, s1 = s + n, s2 = s + (2L * n), s3 = s + (3L * n);
                for (int i = 0; i < n; i++)
                {
                    d32[i] = s0[i] | ((uint)s1[i] << 8) | ((uint)s2[i] << 16) | ((uint)s3[i] << 24);
                }
            }
            else
            {
                for (int j = 0; j < typesize; j++)
                {
                    byte* row = s + ((long)j * n);
                    byte* to = d + j;
                    for (int i = 0; i < n; i++)
                    {
                        to[(long)i * typesize] = row[i];
                    }
                }
            }
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

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
    private static ulong Transpose8x8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }
}
