namespace Tessera.IO.Codecs;

/// <summary>Blosc's byte shuffle and bit shuffle of one block (the layouts of c-blosc 1.x, written from its format description).</summary>
internal static class BloscShuffle
{
    /// <summary>Byte shuffle: byte j of element i goes to <c>j * n + i</c>; the bytes past the last whole element stay in place.</summary>
    public static void Shuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest) => Shuffle(typesize, src, dest, ShuffleKernel.Best);

    /// <summary>The inverse of <see cref="Shuffle(int, ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    public static void Unshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest) => Unshuffle(typesize, src, dest, ShuffleKernel.Best);

    /// <summary>Byte shuffle with a chosen kernel (tests and benchmarks compare them; the result is the same).</summary>
    public static unsafe void Shuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, ShuffleKernel kernel)
    {
        CheckLengths(src, dest);
        int n = src.Length / typesize;
        fixed (byte* s = src)
        fixed (byte* d = dest)
        {
            int done = kernel == ShuffleKernel.Scalar ? 0 : ByteShuffleVector.Shuffle(typesize, s, d, n, kernel == ShuffleKernel.Best);
            ByteShuffleScalar.Shuffle(typesize, s, d, n, done);
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    /// <summary>Byte unshuffle with a chosen kernel (tests and benchmarks compare them; the result is the same).</summary>
    public static unsafe void Unshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, ShuffleKernel kernel)
    {
        CheckLengths(src, dest);
        int n = src.Length / typesize;
        fixed (byte* s = src)
        fixed (byte* d = dest)
        {
            int done = kernel == ShuffleKernel.Scalar ? 0 : ByteShuffleVector.Unshuffle(typesize, s, d, n, kernel == ShuffleKernel.Best);
            ByteShuffleScalar.Unshuffle(typesize, s, d, n, done);
        }

        src[(n * typesize)..].CopyTo(dest[(n * typesize)..]);
    }

    private static void CheckLengths(ReadOnlySpan<byte> src, Span<byte> dest)
    {
        if (dest.Length < src.Length)
        {
            throw new ArgumentException($"The shuffle destination holds {dest.Length} bytes, fewer than the {src.Length} of the source; pass a destination at least as long.", nameof(dest));
        }
    }

    /// <summary>
    /// Bit shuffle: bit k of byte j of element i goes to row <c>8j + k</c>, bit <c>i mod 8</c> of byte <c>i / 8</c>
    /// (rows of n/8 bytes). Only a multiple of 8 elements is transposed; the rest is copied, as c-blosc does.
    /// </summary>
    public static void BitShuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest) => BitShuffle(typesize, src, dest, ShuffleKernel.Best);

    /// <summary>The inverse of <see cref="BitShuffle(int, ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    public static void BitUnshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest) => BitUnshuffle(typesize, src, dest, ShuffleKernel.Best);

    /// <summary>Bit shuffle with a chosen kernel (tests and benchmarks compare them; the result is the same).</summary>
    public static void BitShuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, ShuffleKernel kernel)
    {
        CheckLengths(src, dest);
        if (kernel == ShuffleKernel.Scalar || !BitShuffleVector.IsSupported)
        {
            BitShuffleScalar.BitShuffle(typesize, src, dest);
        }
        else
        {
            BitShuffleVector.BitShuffle(typesize, src, dest, kernel == ShuffleKernel.Best);
        }
    }

    /// <summary>Bit unshuffle with a chosen kernel (tests and benchmarks compare them; the result is the same).</summary>
    public static void BitUnshuffle(int typesize, ReadOnlySpan<byte> src, Span<byte> dest, ShuffleKernel kernel)
    {
        CheckLengths(src, dest);
        if (kernel == ShuffleKernel.Scalar || !BitShuffleVector.IsSupported)
        {
            BitShuffleScalar.BitUnshuffle(typesize, src, dest);
        }
        else
        {
            BitShuffleVector.BitUnshuffle(typesize, src, dest, kernel == ShuffleKernel.Best);
        }
    }
}
