using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Tessera.Distributed.Hosting;

/// <summary>Which address a process binds to and advertises: a network interface's IPv4 address, or loopback.</summary>
public static class HostAddresses
{
    /// <summary>The IPv4 address of an interface such as "ib0", "eth0" or "lo" (the <c>Interface</c> options).</summary>
    /// <param name="interfaceName">The interface's name as the OS shows it (<c>ip link</c>).</param>
    /// <returns>Its first IPv4 address.</returns>
    /// <exception cref="ArgumentException">No interface has that name (the message lists those that exist, with their addresses), or it has no IPv4 address.</exception>
    public static IPAddress ResolveIPv4(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceName);
        NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
        NetworkInterface nic = all.FirstOrDefault(n => string.Equals(n.Name, interfaceName, StringComparison.Ordinal))
            ?? throw new ArgumentException(
                $"No network interface is named \"{interfaceName}\" on {Dns.GetHostName()}; its interfaces are: {string.Join(", ", all.Select(Describe))}.",
                nameof(interfaceName));
        return IPv4(nic).FirstOrDefault()
            ?? throw new ArgumentException($"Network interface \"{interfaceName}\" has no IPv4 address (it is {nic.OperationalStatus}).", nameof(interfaceName));
    }

    /// <summary>The host's address when no interface is named: the first IPv4 address of an interface that is up and not loopback, else 127.0.0.1.</summary>
    /// <returns>The address.</returns>
    public static IPAddress DefaultIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(static n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(IPv4)
            .FirstOrDefault() ?? IPAddress.Loopback;

    /// <summary>The address a worker advertises: the interface's if named, loopback for a loopback scheduler, else the host's.</summary>
    internal static string ForWorker(string schedulerAddress, string? interfaceName)
    {
        if (!string.IsNullOrEmpty(interfaceName))
        {
            return ResolveIPv4(interfaceName).ToString();
        }

        string host = ControlChannel.ToUri(schedulerAddress).Host;
        bool loopback = host == "localhost" || (IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip));
        return loopback ? "127.0.0.1" : DefaultIPv4().ToString();
    }

    private static IEnumerable<IPAddress> IPv4(NetworkInterface nic) =>
        nic.GetIPProperties().UnicastAddresses.Select(static u => u.Address).Where(static a => a.AddressFamily == AddressFamily.InterNetwork);

    private static string Describe(NetworkInterface nic)
    {
        var v4 = IPv4(nic).ToList();
        return v4.Count == 0 ? nic.Name : $"{nic.Name} ({string.Join(", ", v4)})";
    }
}
