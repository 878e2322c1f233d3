using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.IO.Codecs;

/// <summary>
/// Vector kernels of Blosc's byte shuffle for typesizes 8 and 4 (x86: AVX2, else SSSE3/SSE2). Each kernel transposes
/// whole groups of elements (16 with 128-bit vectors, 32 with 256-bit ones) and returns how many elements it did; the
/// caller finishes the rest with <see cref="ByteShuffleScalar"/>. The result is byte-identical to the scalar path.
/// </summary>
/// <remarks>
/// Shuffle: a byte permutation inside each vector gathers byte j of the elements it holds, then unpacks transpose the
/// matrix of those words across vectors. The 256-bit kernels give each 128-bit lane its own group of 16 elements
/// (lane-split loads and stores), since AVX2 unpacks work within lanes.
/// </remarks>
internal static unsafe class ByteShuffleVector
{
    /// <summary>Shuffles the leading whole groups of elements; returns the number of elements done.</summary>
    public static int Shuffle(int typesize, byte* s, byte* d, int n, bool allowAvx2 = true)
    {
        bool avx2 = allowAvx2 && Avx2.IsSupported;
        return typesize switch
        {
            8 when avx2 => Shuffle8Avx2(s, d, n),
            8 when Ssse3.IsSupported => Shuffle8Sse(s, d, n),
            4 when avx2 => Shuffle4Avx2(s, d, n),
            4 when Ssse3.IsSupported => Shuffle4Sse(s, d, n),
            _ => 0,
        };
    }

    /// <summary>Unshuffles the leading whole groups of elements; returns the number of elements done.</summary>
    public static int Unshuffle(int typesize, byte* s, byte* d, int n, bool allowAvx2 = true)
    {
        bool avx2 = allowAvx2 && Avx2.IsSupported;
        return typesize switch
        {
            8 when avx2 => Unshuffle8Avx2(s, d, n),
            8 when Sse2.IsSupported => Unshuffle8Sse(s, d, n),
            4 when avx2 => Unshuffle4Avx2(s, d, n),
            4 when Sse2.IsSupported => Unshuffle4Sse(s, d, n),
            _ => 0,
        };
    }

    private static readonly Vector128<byte> Gather8 = Vector128.Create((byte)0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
    private static readonly Vector128<byte> Gather4 = Vector128.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);

    private static int Shuffle8Sse(byte* s, byte* d, int n)
    {
        Vector128<byte> m = Gather8;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            byte* p = s + (8L * i);
            Vector128<ushort> v0 = Ssse3.Shuffle(Sse2.LoadVector128(p), m).AsUInt16();
            Vector128<ushort> v1 = Ssse3.Shuffle(Sse2.LoadVector128(p + 16), m).AsUInt16();
            Vector128<ushort> v2 = Ssse3.Shuffle(Sse2.LoadVector128(p + 32), m).AsUInt16();
            Vector128<ushort> v3 = Ssse3.Shuffle(Sse2.LoadVector128(p + 48), m).AsUInt16();
            Vector128<ushort> v4 = Ssse3.Shuffle(Sse2.LoadVector128(p + 64), m).AsUInt16();
            Vector128<ushort> v5 = Ssse3.Shuffle(Sse2.LoadVector128(p + 80), m).AsUInt16();
            Vector128<ushort> v6 = Ssse3.Shuffle(Sse2.LoadVector128(p + 96), m).AsUInt16();
            Vector128<ushort> v7 = Ssse3.Shuffle(Sse2.LoadVector128(p + 112), m).AsUInt16();
            Vector128<uint> t0 = Sse2.UnpackLow(v0, v1).AsUInt32(), t1 = Sse2.UnpackHigh(v0, v1).AsUInt32();
            Vector128<uint> t2 = Sse2.UnpackLow(v2, v3).AsUInt32(), t3 = Sse2.UnpackHigh(v2, v3).AsUInt32();
            Vector128<uint> t4 = Sse2.UnpackLow(v4, v5).AsUInt32(), t5 = Sse2.UnpackHigh(v4, v5).AsUInt32();
            Vector128<uint> t6 = Sse2.UnpackLow(v6, v7).AsUInt32(), t7 = Sse2.UnpackHigh(v6, v7).AsUInt32();
            Vector128<ulong> u0 = Sse2.UnpackLow(t0, t2).AsUInt64(), u1 = Sse2.UnpackHigh(t0, t2).AsUInt64();
            Vector128<ulong> u2 = Sse2.UnpackLow(t1, t3).AsUInt64(), u3 = Sse2.UnpackHigh(t1, t3).AsUInt64();
            Vector128<ulong> u4 = Sse2.UnpackLow(t4, t6).AsUInt64(), u5 = Sse2.UnpackHigh(t4, t6).AsUInt64();
            Vector128<ulong> u6 = Sse2.UnpackLow(t5, t7).AsUInt64(), u7 = Sse2.UnpackHigh(t5, t7).AsUInt64();
            byte* q = d + i;
            Sse2.Store(q, Sse2.UnpackLow(u0, u4).AsByte());
            Sse2.Store(q + n, Sse2.UnpackHigh(u0, u4).AsByte());
            Sse2.Store(q + (2L * n), Sse2.UnpackLow(u1, u5).AsByte());
            Sse2.Store(q + (3L * n), Sse2.UnpackHigh(u1, u5).AsByte());
            Sse2.Store(q + (4L * n), Sse2.UnpackLow(u2, u6).AsByte());
            Sse2.Store(q + (5L * n), Sse2.UnpackHigh(u2, u6).AsByte());
            Sse2.Store(q + (6L * n), Sse2.UnpackLow(u3, u7).AsByte());
            Sse2.Store(q + (7L * n), Sse2.UnpackHigh(u3, u7).AsByte());
        }

        return i;
    }

    private static int Shuffle8Avx2(byte* s, byte* d, int n)
    {
        Vector256<byte> m = Vector256.Create(Gather8, Gather8);
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            byte* p = s + (8L * i);
            Vector256<ushort> v0 = Avx2.Shuffle(Load2(p, 128), m).AsUInt16();
            Vector256<ushort> v1 = Avx2.Shuffle(Load2(p + 16, 128), m).AsUInt16();
            Vector256<ushort> v2 = Avx2.Shuffle(Load2(p + 32, 128), m).AsUInt16();
            Vector256<ushort> v3 = Avx2.Shuffle(Load2(p + 48, 128), m).AsUInt16();
            Vector256<ushort> v4 = Avx2.Shuffle(Load2(p + 64, 128), m).AsUInt16();
            Vector256<ushort> v5 = Avx2.Shuffle(Load2(p + 80, 128), m).AsUInt16();
            Vector256<ushort> v6 = Avx2.Shuffle(Load2(p + 96, 128), m).AsUInt16();
            Vector256<ushort> v7 = Avx2.Shuffle(Load2(p + 112, 128), m).AsUInt16();
            Vector256<uint> t0 = Avx2.UnpackLow(v0, v1).AsUInt32(), t1 = Avx2.UnpackHigh(v0, v1).AsUInt32();
            Vector256<uint> t2 = Avx2.UnpackLow(v2, v3).AsUInt32(), t3 = Avx2.UnpackHigh(v2, v3).AsUInt32();
            Vector256<uint> t4 = Avx2.UnpackLow(v4, v5).AsUInt32(), t5 = Avx2.UnpackHigh(v4, v5).AsUInt32();
            Vector256<uint> t6 = Avx2.UnpackLow(v6, v7).AsUInt32(), t7 = Avx2.UnpackHigh(v6, v7).AsUInt32();
            Vector256<ulong> u0 = Avx2.UnpackLow(t0, t2).AsUInt64(), u1 = Avx2.UnpackHigh(t0, t2).AsUInt64();
            Vector256<ulong> u2 = Avx2.UnpackLow(t1, t3).AsUInt64(), u3 = Avx2.UnpackHigh(t1, t3).AsUInt64();
            Vector256<ulong> u4 = Avx2.UnpackLow(t4, t6).AsUInt64(), u5 = Avx2.UnpackHigh(t4, t6).AsUInt64();
            Vector256<ulong> u6 = Avx2.UnpackLow(t5, t7).AsUInt64(), u7 = Avx2.UnpackHigh(t5, t7).AsUInt64();
            byte* q = d + i;
            Avx.Store(q, Avx2.UnpackLow(u0, u4).AsByte());
            Avx.Store(q + n, Avx2.UnpackHigh(u0, u4).AsByte());
            Avx.Store(q + (2L * n), Avx2.UnpackLow(u1, u5).AsByte());
            Avx.Store(q + (3L * n), Avx2.UnpackHigh(u1, u5).AsByte());
            Avx.Store(q + (4L * n), Avx2.UnpackLow(u2, u6).AsByte());
            Avx.Store(q + (5L * n), Avx2.UnpackHigh(u2, u6).AsByte());
            Avx.Store(q + (6L * n), Avx2.UnpackLow(u3, u7).AsByte());
            Avx.Store(q + (7L * n), Avx2.UnpackHigh(u3, u7).AsByte());
        }

        return i;
    }

    private static int Shuffle4Sse(byte* s, byte* d, int n)
    {
        Vector128<byte> m = Gather4;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            byte* p = s + (4L * i);
            Vector128<uint> v0 = Ssse3.Shuffle(Sse2.LoadVector128(p), m).AsUInt32();
            Vector128<uint> v1 = Ssse3.Shuffle(Sse2.LoadVector128(p + 16), m).AsUInt32();
            Vector128<uint> v2 = Ssse3.Shuffle(Sse2.LoadVector128(p + 32), m).AsUInt32();
            Vector128<uint> v3 = Ssse3.Shuffle(Sse2.LoadVector128(p + 48), m).AsUInt32();
            Vector128<ulong> t0 = Sse2.UnpackLow(v0, v1).AsUInt64(), t1 = Sse2.UnpackHigh(v0, v1).AsUInt64();
            Vector128<ulong> t2 = Sse2.UnpackLow(v2, v3).AsUInt64(), t3 = Sse2.UnpackHigh(v2, v3).AsUInt64();
            byte* q = d + i;
            Sse2.Store(q, Sse2.UnpackLow(t0, t2).AsByte());
            Sse2.Store(q + n, Sse2.UnpackHigh(t0, t2).AsByte());
            Sse2.Store(q + (2L * n), Sse2.UnpackLow(t1, t3).AsByte());
            Sse2.Store(q + (3L * n), Sse2.UnpackHigh(t1, t3).AsByte());
        }

        return i;
    }

    private static int Shuffle4Avx2(byte* s, byte* d, int n)
    {
        Vector256<byte> m = Vector256.Create(Gather4, Gather4);
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            byte* p = s + (4L * i);
            Vector256<uint> v0 = Avx2.Shuffle(Load2(p, 64), m).AsUInt32();
            Vector256<uint> v1 = Avx2.Shuffle(Load2(p + 16, 64), m).AsUInt32();
            Vector256<uint> v2 = Avx2.Shuffle(Load2(p + 32, 64), m).AsUInt32();
            Vector256<uint> v3 = Avx2.Shuffle(Load2(p + 48, 64), m).AsUInt32();
            Vector256<ulong> t0 = Avx2.UnpackLow(v0, v1).AsUInt64(), t1 = Avx2.UnpackHigh(v0, v1).AsUInt64();
            Vector256<ulong> t2 = Avx2.UnpackLow(v2, v3).AsUInt64(), t3 = Avx2.UnpackHigh(v2, v3).AsUInt64();
            byte* q = d + i;
            Avx.Store(q, Avx2.UnpackLow(t0, t2).AsByte());
            Avx.Store(q + n, Avx2.UnpackHigh(t0, t2).AsByte());
            Avx.Store(q + (2L * n), Avx2.UnpackLow(t1, t3).AsByte());
            Avx.Store(q + (3L * n), Avx2.UnpackHigh(t1, t3).AsByte());
        }

        return i;
    }

    private static int Unshuffle8Sse(byte* s, byte* d, int n)
    {
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            byte* r = s + i;
            Vector128<byte> r0 = Sse2.LoadVector128(r), r1 = Sse2.LoadVector128(r + n);
            Vector128<byte> r2 = Sse2.LoadVector128(r + (2L * n)), r3 = Sse2.LoadVector128(r + (3L * n));
            Vector128<byte> r4 = Sse2.LoadVector128(r + (4L * n)), r5 = Sse2.LoadVector128(r + (5L * n));
            Vector128<byte> r6 = Sse2.LoadVector128(r + (6L * n)), r7 = Sse2.LoadVector128(r + (7L * n));
            Vector128<ushort> p0 = Sse2.UnpackLow(r0, r1).AsUInt16(), p1 = Sse2.UnpackHigh(r0, r1).AsUInt16();
            Vector128<ushort> p2 = Sse2.UnpackLow(r2, r3).AsUInt16(), p3 = Sse2.UnpackHigh(r2, r3).AsUInt16();
            Vector128<ushort> p4 = Sse2.UnpackLow(r4, r5).AsUInt16(), p5 = Sse2.UnpackHigh(r4, r5).AsUInt16();
            Vector128<ushort> p6 = Sse2.UnpackLow(r6, r7).AsUInt16(), p7 = Sse2.UnpackHigh(r6, r7).AsUInt16();
            Vector128<uint> q0 = Sse2.UnpackLow(p0, p2).AsUInt32(), q1 = Sse2.UnpackHigh(p0, p2).AsUInt32();
            Vector128<uint> q2 = Sse2.UnpackLow(p1, p3).AsUInt32(), q3 = Sse2.UnpackHigh(p1, p3).AsUInt32();
            Vector128<uint> q4 = Sse2.UnpackLow(p4, p6).AsUInt32(), q5 = Sse2.UnpackHigh(p4, p6).AsUInt32();
            Vector128<uint> q6 = Sse2.UnpackLow(p5, p7).AsUInt32(), q7 = Sse2.UnpackHigh(p5, p7).AsUInt32();
            byte* o = d + (8L * i);
            Sse2.Store(o, Sse2.UnpackLow(q0, q4).AsByte());
            Sse2.Store(o + 16, Sse2.UnpackHigh(q0, q4).AsByte());
            Sse2.Store(o + 32, Sse2.UnpackLow(q1, q5).AsByte());
            Sse2.Store(o + 48, Sse2.UnpackHigh(q1, q5).AsByte());
            Sse2.Store(o + 64, Sse2.UnpackLow(q2, q6).AsByte());
            Sse2.Store(o + 80, Sse2.UnpackHigh(q2, q6).AsByte());
            Sse2.Store(o + 96, Sse2.UnpackLow(q3, q7).AsByte());
            Sse2.Store(o + 112, Sse2.UnpackHigh(q3, q7).AsByte());
        }

        return i;
    }

    private static int Unshuffle8Avx2(byte* s, byte* d, int n)
    {
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            byte* r = s + i;
            Vector256<byte> r0 = Avx.LoadVector256(r), r1 = Avx.LoadVector256(r + n);
            Vector256<byte> r2 = Avx.LoadVector256(r + (2L * n)), r3 = Avx.LoadVector256(r + (3L * n));
            Vector256<byte> r4 = Avx.LoadVector256(r + (4L * n)), r5 = Avx.LoadVector256(r + (5L * n));
            Vector256<byte> r6 = Avx.LoadVector256(r + (6L * n)), r7 = Avx.LoadVector256(r + (7L * n));
            Vector256<ushort> p0 = Avx2.UnpackLow(r0, r1).AsUInt16(), p1 = Avx2.UnpackHigh(r0, r1).AsUInt16();
            Vector256<ushort> p2 = Avx2.UnpackLow(r2, r3).AsUInt16(), p3 = Avx2.UnpackHigh(r2, r3).AsUInt16();
            Vector256<ushort> p4 = Avx2.UnpackLow(r4, r5).AsUInt16(), p5 = Avx2.UnpackHigh(r4, r5).AsUInt16();
            Vector256<ushort> p6 = Avx2.UnpackLow(r6, r7).AsUInt16(), p7 = Avx2.UnpackHigh(r6, r7).AsUInt16();
            Vector256<uint> q0 = Avx2.UnpackLow(p0, p2).AsUInt32(), q1 = Avx2.UnpackHigh(p0, p2).AsUInt32();
            Vector256<uint> q2 = Avx2.UnpackLow(p1, p3).AsUInt32(), q3 = Avx2.UnpackHigh(p1, p3).AsUInt32();
            Vector256<uint> q4 = Avx2.UnpackLow(p4, p6).AsUInt32(), q5 = Avx2.UnpackHigh(p4, p6).AsUInt32();
            Vector256<uint> q6 = Avx2.UnpackLow(p5, p7).AsUInt32(), q7 = Avx2.UnpackHigh(p5, p7).AsUInt32();
            byte* o = d + (8L * i);
            Store2(o, 128, Avx2.UnpackLow(q0, q4).AsByte());
            Store2(o + 16, 128, Avx2.UnpackHigh(q0, q4).AsByte());
            Store2(o + 32, 128, Avx2.UnpackLow(q1, q5).AsByte());
            Store2(o + 48, 128, Avx2.UnpackHigh(q1, q5).AsByte());
            Store2(o + 64, 128, Avx2.UnpackLow(q2, q6).AsByte());
            Store2(o + 80, 128, Avx2.UnpackHigh(q2, q6).AsByte());
            Store2(o + 96, 128, Avx2.UnpackLow(q3, q7).AsByte());
            Store2(o + 112, 128, Avx2.UnpackHigh(q3, q7).AsByte());
        }

        return i;
    }

    private static int Unshuffle4Sse(byte* s, byte* d, int n)
    {
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            byte* r = s + i;
            Vector128<byte> r0 = Sse2.LoadVector128(r), r1 = Sse2.LoadVector128(r + n);
            Vector128<byte> r2 = Sse2.LoadVector128(r + (2L * n)), r3 = Sse2.LoadVector128(r + (3L * n));
            Vector128<ushort> p0 = Sse2.UnpackLow(r0, r1).AsUInt16(), p1 = Sse2.UnpackHigh(r0, r1).AsUInt16();
            Vector128<ushort> p2 = Sse2.UnpackLow(r2, r3).AsUInt16(), p3 = Sse2.UnpackHigh(r2, r3).AsUInt16();
            byte* o = d + (4L * i);
            Sse2.Store(o, Sse2.UnpackLow(p0, p2).AsByte());
            Sse2.Store(o + 16, Sse2.UnpackHigh(p0, p2).AsByte());
            Sse2.Store(o + 32, Sse2.UnpackLow(p1, p3).AsByte());
            Sse2.Store(o + 48, Sse2.UnpackHigh(p1, p3).AsByte());
        }

        return i;
    }

    private static int Unshuffle4Avx2(byte* s, byte* d, int n)
    {
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            byte* r = s + i;
            Vector256<byte> r0 = Avx.LoadVector256(r), r1 = Avx.LoadVector256(r + n);
            Vector256<byte> r2 = Avx.LoadVector256(r + (2L * n)), r3 = Avx.LoadVector256(r + (3L * n));
            Vector256<ushort> p0 = Avx2.UnpackLow(r0, r1).AsUInt16(), p1 = Avx2.UnpackHigh(r0, r1).AsUInt16();
            Vector256<ushort> p2 = Avx2.UnpackLow(r2, r3).AsUInt16(), p3 = Avx2.UnpackHigh(r2, r3).AsUInt16();
            byte* o = d + (4L * i);
            Store2(o, 64, Avx2.UnpackLow(p0, p2).AsByte());
            Store2(o + 16, 64, Avx2.UnpackHigh(p0, p2).AsByte());
            Store2(o + 32, 64, Avx2.UnpackLow(p1, p3).AsByte());
            Store2(o + 48, 64, Avx2.UnpackHigh(p1, p3).AsByte());
        }

        return i;
    }

    /// <summary>A 256-bit vector whose low lane is 16 bytes at <paramref name="p"/>, high lane 16 bytes <paramref name="apart"/> later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Load2(byte* p, int apart) => Vector256.Create(Sse2.LoadVector128(p), Sse2.LoadVector128(p + apart));

    /// <summary>Stores the low lane at <paramref name="p"/> and the high lane <paramref name="apart"/> bytes later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(byte* p, int apart, Vector256<byte> v)
    {
        Sse2.Store(p, v.GetLower());
        Sse2.Store(p + apart, v.GetUpper());
    }
}
