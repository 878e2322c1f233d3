using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>Hostile data-plane requests on real connections: garbage, absurd counts and lengths, truncations, repeats.</summary>
internal static class DataPlaneFuzzer
{
    /// <summary>Opens a connection and reads the server's hello.</summary>
    public static async Task<Socket> ConnectAsync(string address, CancellationToken ct)
    {
        var uri = new Uri(address);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(uri.Host, uri.Port, ct);
        byte[] head = new byte[10];
        await ReadExactAsync(socket, head, ct);
        Assert.Equal(WireProtocol.Magic, BinaryPrimitives.ReadUInt32LittleEndian(head));
        int idLength = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(6));
        await ReadExactAsync(socket, new byte[idLength + SameUserProof.Size], ct);
        return socket;
    }

    /// <summary>A well-formed request for <paramref name="keys"/>.</summary>
    public static byte[] Request(byte flags, params string[] keys)
    {
        var b = new List<byte> { WireProtocol.OpFetch, flags };
        b.AddRange(BitConverter.GetBytes(keys.Length));
        foreach (string k in keys)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(k);
            b.AddRange(BitConverter.GetBytes(utf8.Length));
            b.AddRange(utf8);
        }

        return [.. b];
    }

    /// <summary>
    /// Sends one connection's worth of hostile messages; returns how many messages were sent. Well-formed requests
    /// for unknown keys must be answered "missing", key by key; everything else may end the connection.
    /// </summary>
    public static async Task<int> OneConnectionAsync(string address, Random random, CancellationToken ct)
    {
        using Socket socket = await ConnectAsync(address, ct);
        int sent = 0;
        int n = random.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            int kind = random.Next(9);
            byte[] message = kind switch
            {
                0 => RandomBytes(random, random.Next(1, 64)),
                1 => [WireProtocol.OpFetch, 0, .. BitConverter.GetBytes(int.MaxValue)],                 // 2^31-1 keys
                2 => [WireProtocol.OpFetch, 0, .. BitConverter.GetBytes(-1)],
                3 => [WireProtocol.OpFetch, 0, .. BitConverter.GetBytes(1), .. BitConverter.GetBytes(int.MaxValue)], // a 2 GiB key
                4 => Request(3, [.. Enumerable.Repeat("same-key", 1000)]),                                   // one key 1,000 times, same-host flags
                5 => Request(0, "x")[..random.Next(1, 10)],                                                  // truncated
                6 => [(byte)random.Next(2, 256)],                                                            // unknown op
                _ => Request(0, [.. Enumerable.Range(0, random.Next(1, 5)).Select(k => "unknown-" + random.Next() + "\u001f" + k)]),
            };
            try
            {
                await socket.SendAsync(message, SocketFlags.None, ct);
                sent++;
                if (kind >= 7)
                {
                    int keys = BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(2));
                    byte[] answer = new byte[keys];
                    await ReadExactAsync(socket, answer, ct);
                    Assert.All(answer, static a => Assert.Equal(WireProtocol.Missing, a));
                }
                else
                {
                    break; // the server may close this connection now
                }
            }
            catch (SocketException)
            {
                break;
            }
        }

        return sent;
    }

    public static async Task ReadExactAsync(Socket socket, Memory<byte> buffer, CancellationToken ct)
    {
        while (!buffer.IsEmpty)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                throw new EndOfStreamException("the server closed the connection");
            }

            buffer = buffer[n..];
        }
    }

    private static byte[] RandomBytes(Random random, int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }
}
