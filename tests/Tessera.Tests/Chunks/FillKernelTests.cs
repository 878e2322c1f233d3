namespace Tessera.Tests.Chunks;

public unsafe class FillKernelTests
{
    public static TheoryData<long, int> Runs() => new()
    {
        { 0, 0 }, { 1, 0 }, { 7, 3 }, { 31, 1 }, { 1000, 0 }, { 1000, 5 },

        // Past the streaming threshold, from an aligned start and from one that is not.
        { (FillKernel.StreamingBytes / sizeof(long)) + 9, 0 },
        { (FillKernel.StreamingBytes / sizeof(long)) + 9, 3 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void FillsExactlyTheRunOfLongs(long n, int offset) => Check(n, offset, -5L, 0x7777L);

    [Theory]
    [InlineData(100_000L, 1)]
    [InlineData((FillKernel.StreamingBytes / sizeof(int)) + 3, 1)]
    public void FillsOtherElementSizes(long n, int offset)
    {
        Check(n, offset, 42, 9);
        Check(n, offset, (byte)200, (byte)1);
        Check(n, offset, 2.5, -1.0);
        Check(n, offset, true, false);
        Check(n, offset, (Half)1.5, (Half)0);
    }

    /// <summary>Fills n elements starting <paramref name="offset"/> elements into a buffer padded with <paramref name="guard"/> on both sides; only the run changes.</summary>
    private static void Check<T>(long n, int offset, T value, T guard)
        where T : unmanaged, IEquatable<T>
    {
        long total = n + offset + 16;
        using var buffer = NDArray.Full(guard, total);
        T* p = (T*)buffer.Pointer;
        FillKernel.Fill(p + offset, n, value);
        for (long i = 0; i < total; i++)
        {
            bool inside = i >= offset && i < offset + n;
            if (!p[i].Equals(inside ? value : guard))
            {
                Assert.Fail($"{typeof(T).Name} n={n} offset={offset}: element {i} is {p[i]}, expected {(inside ? value : guard)}");
            }
        }
    }
}
