using Tessera.IO.Codecs;

namespace Tessera.IO.Tests.Codecs;

/// <summary>
/// The vector byte-shuffle kernels against Blosc's definition of the layout, over random lengths (not multiples of the
/// vector width nor of the typesize, so the scalar remainder and the trailing bytes Blosc leaves in place are exercised).
/// </summary>
public sealed class ByteShuffleTests
{
    public static TheoryData<int> Typesizes() => new() { 2, 3, 4, 5, 8, 16 };

    [Theory]
    [MemberData(nameof(Typesizes))]
    public void EveryKernelMatchesTheDefinitionAndInverts(int typesize)
    {
        var random = new Random(1000 + typesize);
        int[] lengths = [0, 1, typesize - 1, typesize, 15 * typesize, 16 * typesize, (16 * typesize) + 3, 31 * typesize, 32 * typesize,
            (32 * typesize) + typesize - 1, 33 * typesize, 4096, 65536 + 7, random.Next(1, 300_000), random.Next(1, 300_000), random.Next(1, 300_000)];
        foreach (int length in lengths)
        {
            byte[] src = new byte[length];
            random.NextBytes(src);
            byte[] expected = Definition(typesize, src);
            foreach (ShuffleKernel kernel in Enum.GetValues<ShuffleKernel>())
            {
                byte[] shuffled = new byte[length];
                BloscShuffle.Shuffle(typesize, src, shuffled, kernel);
                Assert.True(expected.AsSpan().SequenceEqual(shuffled), $"shuffle typesize {typesize} length {length} kernel {kernel}: first difference at {Diff(expected, shuffled)}");

                byte[] back = new byte[length];
                BloscShuffle.Unshuffle(typesize, shuffled, back, kernel);
                Assert.True(src.AsSpan().SequenceEqual(back), $"unshuffle typesize {typesize} length {length} kernel {kernel}: first difference at {Diff(src, back)}");
            }
        }
    }

    [Fact]
    public void ShortDestinationIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BloscShuffle.Shuffle(8, new byte[64], new byte[63]));
        Assert.Contains("destination", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Byte j of element i at <c>j * n + i</c>; the bytes after the last whole element unchanged.</summary>
    private static byte[] Definition(int typesize, byte[] src)
    {
        int n = src.Length / typesize;
        byte[] dest = new byte[src.Length];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < typesize; j++)
            {
                dest[(j * n) + i] = src[(i * typesize) + j];
            }
        }

        Array.Copy(src, n * typesize, dest, n * typesize, src.Length - (n * typesize));
        return dest;
    }

    private static int Diff(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);
}
