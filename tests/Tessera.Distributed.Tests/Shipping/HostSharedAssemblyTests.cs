using System.Runtime.Loader;
using Tessera.Arrays;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class HostSharedAssemblyTests
{
    [Fact]
    public void ManifestAssemblyIdenticalToTheHostsIsSharedNotFetched()
    {
        var info = new BlockInfo([1, 2], [10, 20], [5, 5]);
        var shipper = new CodeShipper();
        byte[] bytes = shipper.EncodeValue(info);
        IReadOnlyList<ShippedAssembly> shipped = shipper.TakeNewAssemblies();
        ShippedAssembly arrays = Assert.Single(shipped, a => a.FullName == typeof(BlockInfo).Assembly.FullName);

        using var loader = new CodeLoader("c2", _ => throw new InvalidOperationException("must not fetch a host assembly"));
        loader.AddManifest([(arrays.FullName, arrays.Hash)]);
        var back = Assert.IsType<BlockInfo>(loader.DecodeValue(bytes));
        Assert.Equal(info.Index, back.Index);
        Assert.Equal(info.Shape, back.Shape);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(back.GetType().Assembly));
    }

    [Fact]
    public void ManifestHashMismatchLoadsTheClientsBytesInstead()
    {
        // A manifest hash that differs from the host's file means the client has another build: never share it.
        byte[] bytes = new CodeShipper().EncodeValue(new BlockInfo([0], [0], [1]));
        string fullName = typeof(BlockInfo).Assembly.FullName!;
        using var loader = new CodeLoader("c3", hash => throw new InvalidOperationException($"fetch {hash}"));
        loader.AddManifest([(fullName, new string('0', 64))]);
        var e = Assert.ThrowsAny<Exception>(() => loader.DecodeValue(bytes));
        Assert.Contains("fetch 0000", e.ToString(), StringComparison.Ordinal);
    }
}
