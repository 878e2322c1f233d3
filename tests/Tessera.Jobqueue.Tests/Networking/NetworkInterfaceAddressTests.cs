using System.Net;

namespace Tessera.Jobqueue.Tests.Networking;

public class NetworkInterfaceAddressTests
{
    [Fact]
    public void Loopback_ResolvesTo127001()
    {
        Assert.Equal(IPAddress.Loopback, NetworkInterfaceAddress.ResolveIPv4("lo"));
    }

    [Fact]
    public void UnknownName_ListsTheInterfacesThatExist()
    {
        var error = Assert.Throws<ArgumentException>(() => NetworkInterfaceAddress.ResolveIPv4("ib0-does-not-exist"));
        Assert.Contains("\"ib0-does-not-exist\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("lo (127.0.0.1)", error.Message, StringComparison.Ordinal);
    }
}
