using Tessera.IO.Codecs;

namespace Tessera.IO.Tests.Codecs;

/// <summary>
/// The vector bit shuffle against the scalar one (whose chunks the zarr-python tests check), over lengths around the
/// 8-element rule (fewer than a multiple of 8 elements: copied), the vector widths and trailing bytes.
/// </summary>
public sealed class BitShuffleTests
{
    public static TheoryData<int> Typesizes() => new() { 1, 2, 3, 4, 8, 16 };

    [Theory]
    [MemberData(nameof(Typesizes))]
    public void VectorKernelsMatchTheScalarOneAndInvert(int typesize)
    {
        var random = new Random(2000 + typesize);
        int[] lengths = [0, 8 * typesize, (8 * typesize) + 1, 9 * typesize, 16 * typesize, 24 * typesize, 32 * typesize, (40 * typesize) + typesize - 1,
            48 * typesize, 4096 * typesize, (8 * random.Next(1, 20_000) * typesize) + random.Next(typesize), random.Next(1, 200_000)];
        foreach (int length in lengths)
        {
            byte[] src = new byte[length];
            random.NextBytes(src);
            byte[] expected = new byte[length];
            BloscShuffle.BitShuffle(typesize, src, expected, ShuffleKernel.Scalar);
            byte[] scalarBack = new byte[length];
            BloscShuffle.BitUnshuffle(typesize, expected, scalarBack, ShuffleKernel.Scalar);
            Assert.True(src.AsSpan().SequenceEqual(scalarBack), $"scalar bit unshuffle typesize {typesize} length {length}");
            foreach (ShuffleKernel kernel in new[] { ShuffleKernel.Vector128Only, ShuffleKernel.Best })
            {
                byte[] shuffled = new byte[length];
                BloscShuffle.BitShuffle(typesize, src, shuffled, kernel);
                Assert.True(expected.AsSpan().SequenceEqual(shuffled), $"bit shuffle typesize {typesize} length {length} kernel {kernel}: first difference at {expected.AsSpan().CommonPrefixLength(shuffled)}");

                byte[] back = new byte[length];
                BloscShuffle.BitUnshuffle(typesize, shuffled, back, kernel);
                Assert.True(src.AsSpan().SequenceEqual(back), $"bit unshuffle typesize {typesize} length {length} kernel {kernel}: first difference at {src.AsSpan().CommonPrefixLength(back)}");
            }
        }
    }
}
