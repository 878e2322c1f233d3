using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Tessera.Distributed.Hosting;

/// <summary>Which address a process binds to and advertises: an interface's IPv4 address, or loopback.</summary>
public static class HostAddresses
{
    /// <summary>The IPv4 address of a network interface, e.g. <c>ib0</c> or <c>lo</c>.</summary>
    /// <param name="interfaceName">The interface's name as <c>ip addr</c> shows it.</param>
    /// <returns>The address as text, e.g. <c>10.0.0.12</c>.</returns>
    /// <exception cref="ArgumentException">No such interface, or it has no IPv4 address; the message lists the interfaces that exist.</exception>
    public static string OfInterface(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
        NetworkInterface? nic = all.FirstOrDefault(n => n.Name == interfaceName);
        string known = string.Join(", ", all.Select(static n => n.Name));
        if (nic is null)
        {
            throw new ArgumentException($"Network interface '{interfaceName}' does not exist on {Environment.MachineName}. Interfaces here: {known}.", nameof(interfaceName));
        }

        IPAddress? ip = nic.GetIPProperties().UnicastAddresses.Select(static u => u.Address).FirstOrDefault(static a => a.AddressFamily == AddressFamily.InterNetwork);
        return ip?.ToString() ?? throw new ArgumentException($"Network interface '{interfaceName}' has no IPv4 address. Interfaces here: {known}.", nameof(interfaceName));
    }

    /// <summary>The address a worker advertises: the interface's if named, loopback for a loopback scheduler, else the host's first IPv4 address.</summary>
    internal static string ForWorker(string schedulerAddress, string? interfaceName)
    {
        if (!string.IsNullOrEmpty(interfaceName))
        {
            return OfInterface(interfaceName);
        }

        string host = ControlChannel.ToUri(schedulerAddress).Host;
        if (host == "localhost" || (IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip)))
        {
            return "127.0.0.1";
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(static n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(static n => n.GetIPProperties().UnicastAddresses)
            .Select(static u => u.Address)
            .FirstOrDefault(static a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }
}
