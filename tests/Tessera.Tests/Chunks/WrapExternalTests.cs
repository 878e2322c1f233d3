using System.Runtime.InteropServices;

namespace Tessera.Tests.Chunks;

/// <summary>Arrays over memory Tessera does not own: the owner is disposed once, with the last view.</summary>
public unsafe class WrapExternalTests
{
    private sealed class Owner(nint memory) : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose()
        {
            Disposals++;
            NativeMemory.Free((void*)memory);
        }
    }

    [Fact]
    public void ViewsShareTheMemoryAndTheLastOneDisposesTheOwner()
    {
        var memory = (nint)NativeMemory.Alloc(12 * sizeof(int));
        var values = new Span<int>((void*)memory, 12);
        for (int i = 0; i < 12; i++)
        {
            values[i] = i;
        }

        var owner = new Owner(memory);
        var a = NDArray.WrapExternal<int>(memory, [3, 4], null, 12 * sizeof(int), owner);
        var column = a[.., 1];
        var transposed = a.Transpose();
        a.Dispose();
        Assert.Equal([1, 5, 9], column.ToArray());
        transposed[3, 0] = -3;
        Assert.Equal(-3, new Span<int>((void*)memory, 12)[3]);
        column.Dispose();
        Assert.Equal(0, owner.Disposals);
        transposed.Dispose();
        Assert.Equal(1, owner.Disposals);
    }

    [Fact]
    public void ALayoutPastTheMemoryIsRefused()
    {
        var owner = new Owner((nint)NativeMemory.Alloc(16));
        var e = Assert.Throws<ArgumentException>(() => NDArray.WrapExternal<long>(0, [3], null, 16, owner));
        Assert.Contains("past the 16 bytes", e.Message);
        Assert.Throws<ArgumentException>(() => NDArray.WrapExternal<long>(0, [2, 2], [-1, 1], 64, owner));
        owner.Dispose();
    }
}
