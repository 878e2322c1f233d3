using System.Net;
using Tessera.Distributed.Hosting;

namespace Tessera.Distributed.Tests;

public class HostAddressesTests
{
    [Fact]
    public void Loopback_ResolvesTo127001()
    {
        Assert.Equal(IPAddress.Loopback, HostAddresses.ResolveIPv4("lo"));
    }

    [Fact]
    public void UnknownName_ListsTheInterfacesThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => HostAddresses.ResolveIPv4("ib0-does-not-exist"));
        Assert.Contains("\"ib0-does-not-exist\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("lo (127.0.0.1)", error.Message, StringComparison.Ordinal);
    }
}
