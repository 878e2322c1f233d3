using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.IO.Codecs;

/// <summary>
/// Blosc's bit shuffle in two passes: a byte shuffle (vector kernels of <see cref="ByteShuffleVector"/>) gathers byte j
/// of every element into row j, then each row's bits are transposed with byte sign masks (AVX2 32 bytes, SSE2 16 bytes at
/// a time; an 8x8 bit transpose for the last group of 8). Byte-identical to <see cref="BitShuffleScalar"/>.
/// </summary>
internal static unsafe class BitShuffleVector
{
    private static readonly Vector128<byte> Spread = Vector128.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
    private static readonly Vector128<byte> BitOf = Vector128.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);

    /// <summary>Whether this CPU has the instructions used (SSSE3).</summary>
    public static bool IsSupported => Ssse3.IsSupported;

    /// <summary>Bit shuffle (layout as in <see cref="BitShuffleScalar.BitShuffle"/>).</summary>
    public static void BitShuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, bool allowAvx2)
    {
        int n = src.Length / typesize;
        if (n % 8 != 0)
        {
            src.CopyTo(dest);
            return;
        }

        int whole = n * typesize;
        byte[] rows = ArrayPool<byte>.Shared.Rent(Math.Max(1, whole));
        try
        {
            BloscShuffle.Shuffle(typesize, src[..whole], rows, allowAvx2 ? ShuffleKernel.Best : ShuffleKernel.Vector128Only);
            fixed (byte* t = rows)
            fixed (byte* d = dest)
            {
                for (int j = 0; j < typesize; j++)
                {
                    TransposeRow(t + ((long)j * n), d + ((long)j * n), n, allowAvx2 && Avx2.IsSupported);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }

        src[whole..].CopyTo(dest[whole..]);
    }

    /// <summary>The inverse of <see cref="BitShuffle"/>.</summary>
    public static void BitUnshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, bool allowAvx2)
    {
        int n = src.Length / typesize;
        if (n % 8 != 0)
        {
            src.CopyTo(dest);
            return;
        }

        int whole = n * typesize;
        byte[] rows = ArrayPool<byte>.Shared.Rent(Math.Max(1, whole));
        try
        {
            fixed (byte* s = src)
            fixed (byte* t = rows)
            {
                for (int j = 0; j < typesize; j++)
                {
                    UntransposeRow(s + ((long)j * n), t + ((long)j * n), n);
                }
            }

            BloscShuffle.Unshuffle(typesize, rows.AsSpan(0, whole), dest, allowAvx2 ? ShuffleKernel.Best : ShuffleKernel.Vector128Only);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }

        src[whole..].CopyTo(dest[whole..]);
    }

    /// <summary>
    /// Row of n bytes (one per element) to 8 bit rows of n/8 bytes: bit k of byte i goes to bit <c>i mod 8</c> of byte
    /// <c>i / 8</c> of bit row k (bit rows start at <paramref name="d"/>, n/8 bytes apart).
    /// </summary>
    private static void TransposeRow(byte* row, byte* d, int n, bool avx2)
    {
        int rowBytes = n / 8;
        int i = 0;
        if (avx2)
        {
            for (; i + 32 <= n; i += 32)
            {
                Vector256<byte> v = Avx.LoadVector256(row + i);
                for (int k = 7; k >= 0; k--)
                {
                    Unsafe.WriteUnaligned(d + ((long)k * rowBytes) + (i / 8), (uint)Avx2.MoveMask(v));
                    v = Avx2.Add(v, v);
                }
            }
        }

        for (; i + 16 <= n; i += 16)
        {
            Vector128<byte> v = Sse2.LoadVector128(row + i);
            for (int k = 7; k >= 0; k--)
            {
                Unsafe.WriteUnaligned(d + ((long)k * rowBytes) + (i / 8), (ushort)Sse2.MoveMask(v));
                v = Sse2.Add(v, v);
            }
        }

        for (; i < n; i += 8)
        {
            ulong x = BitShuffleScalar.Transpose8x8(Unsafe.ReadUnaligned<ulong>(row + i));
            for (int k = 0; k < 8; k++)
            {
                d[((long)k * rowBytes) + (i / 8)] = (byte)(x >> (8 * k));
            }
        }
    }

    /// <summary>The inverse of <see cref="TransposeRow"/>: 8 bit rows of n/8 bytes at <paramref name="s"/> to a row of n bytes.</summary>
    private static void UntransposeRow(byte* s, byte* row, int n)
    {
        int rowBytes = n / 8;
        Vector128<byte> spread = Spread, bitOf = BitOf;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            Vector128<byte> acc = Vector128<byte>.Zero;
            for (int k = 0; k < 8; k++)
            {
                ushort m = Unsafe.ReadUnaligned<ushort>(s + ((long)k * rowBytes) + (i / 8));
                Vector128<byte> bits = Sse2.And(Ssse3.Shuffle(Vector128.Create(m).AsByte(), spread), bitOf);
                acc = Sse2.Or(acc, Sse2.And(Sse2.CompareEqual(bits, bitOf), Vector128.Create((byte)(1 << k))));
            }

            Sse2.Store(row + i, acc);
        }

        for (; i < n; i += 8)
        {
            ulong x = 0;
            for (int k = 0; k < 8; k++)
            {
                x |= (ulong)s[((long)k * rowBytes) + (i / 8)] << (8 * k);
            }

            Unsafe.WriteUnaligned(row + i, BitShuffleScalar.Transpose8x8(x));
        }
    }
}
