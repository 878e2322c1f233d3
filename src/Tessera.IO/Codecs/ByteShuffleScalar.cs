namespace Tessera.IO.Codecs;

/// <summary>
/// The scalar byte shuffle of Blosc, element by element: the reference the vector kernels are tested against, the path
/// for typesizes without a kernel and for the elements a kernel leaves over.
/// </summary>
internal static unsafe class ByteShuffleScalar
{
    /// <summary>Shuffles elements <paramref name="start"/> to <paramref name="n"/> - 1: byte j of element i goes to <c>d[j * n + i]</c>.</summary>
    public static void Shuffle(int typesize, byte* s, byte* d, int n, int start)
    {
        if (typesize == 8)
        {
            for (int i = start; i < n; i++)
            {
                ulong v = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(s + (8L * i));
                for (int j = 0; j < 8; j++)
                {
                    d[((long)j * n) + i] = (byte)(v >> (8 * j));
                }
            }
        }
        else if (typesize == 4)
        {
            for (int i = start; i < n; i++)
            {
                uint v = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(s + (4L * i));
                d[i] = (byte)v;
                d[n + i] = (byte)(v >> 8);
                d[(2L * n) + i] = (byte)(v >> 16);
                d[(3L * n) + i] = (byte)(v >> 24);
            }
        }
        else
        {
            for (int j = 0; j < typesize; j++)
            {
                byte* row = d + ((long)j * n);
                byte* from = s + j;
                for (int i = start; i < n; i++)
                {
                    row[i] = from[(long)i * typesize];
                }
            }
        }
    }

    /// <summary>The inverse of <see cref="Shuffle"/> for elements <paramref name="start"/> to <paramref name="n"/> - 1.</summary>
    public static void Unshuffle(int typesize, byte* s, byte* d, int n, int start)
    {
        if (typesize == 8)
        {
            byte* s0 = s, s1 = s + n, s2 = s + (2L * n), s3 = s + (3L * n), s4 = s + (4L * n), s5 = s + (5L * n), s6 = s + (6L * n), s7 = s + (7L * n);
            for (int i = start; i < n; i++)
            {
                ulong v = s0[i] | ((ulong)s1[i] << 8) | ((ulong)s2[i] << 16) | ((ulong)s3[i] << 24)
                    | ((ulong)s4[i] << 32) | ((ulong)s5[i] << 40) | ((ulong)s6[i] << 48) | ((ulong)s7[i] << 56);
                System.Runtime.CompilerServices.Unsafe.WriteUnaligned(d + (8L * i), v);
            }
        }
        else if (typesize == 4)
        {
            byte* s0 = s, s1 = s + n, s2 = s + (2L * n), s3 = s + (3L * n);
            for (int i = start; i < n; i++)
            {
                uint v = s0[i] | ((uint)s1[i] << 8) | ((uint)s2[i] << 16) | ((uint)s3[i] << 24);
                System.Runtime.CompilerServices.Unsafe.WriteUnaligned(d + (4L * i), v);
            }
        }
        else
        {
            for (int j = 0; j < typesize; j++)
            {
                byte* row = s + ((long)j * n);
                byte* to = d + j;
                for (int i = start; i < n; i++)
                {
                    to[(long)i * typesize] = row[i];
                }
            }
        }
    }
}
