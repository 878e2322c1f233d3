using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Tessera.Jobqueue;

/// <summary>Finds the address of a network interface by name, as <c>Interface</c> options give it.</summary>
public static class NetworkInterfaceAddress
{
    /// <summary>The IPv4 address of an interface such as "ib0", "eth0" or "lo".</summary>
    /// <param name="interfaceName">The interface's name as the OS shows it (<c>ip link</c>).</param>
    /// <returns>Its first IPv4 address.</returns>
    /// <exception cref="ArgumentException">No interface has that name (the message lists those that exist), or it has no IPv4 address.</exception>
    public static IPAddress ResolveIPv4(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceName);
        var all = NetworkInterface.GetAllNetworkInterfaces();
        var nic = all.FirstOrDefault(n => string.Equals(n.Name, interfaceName, StringComparison.Ordinal))
            ?? throw new ArgumentException(
                $"No network interface is named \"{interfaceName}\" on {Dns.GetHostName()}; its interfaces are: {string.Join(", ", all.Select(Describe))}.",
                nameof(interfaceName));
        return nic.GetIPProperties().UnicastAddresses.Select(u => u.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new ArgumentException($"Network interface \"{interfaceName}\" has no IPv4 address (it is {nic.OperationalStatus}).", nameof(interfaceName));
    }

    /// <summary>The host's address when no interface is named: the first IPv4 address of an interface that is up and not loopback, else 127.0.0.1.</summary>
    /// <returns>The address.</returns>
    public static IPAddress DefaultIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;

    private static string Describe(NetworkInterface nic)
    {
        var v4 = nic.GetIPProperties().UnicastAddresses.Select(u => u.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        return v4.Count == 0 ? nic.Name : $"{nic.Name} ({string.Join(", ", v4)})";
    }
}
