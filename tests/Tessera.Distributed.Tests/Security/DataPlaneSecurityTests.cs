// The attackers in these tests deliberately trust any server: what is tested is that the server refuses them.
#pragma warning disable CA5359
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Tests.DataPlane;

namespace Tessera.Distributed.Tests.Tls;

/// <summary>The data plane under mutual TLS, with real sockets: who is served, who is refused, and when same-host paths are used.</summary>
[Collection("cluster")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataPlaneSecurityTests
{
    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task AnAuthenticatedPeerFetchesOverTlsAndProvesItIsTheSameUser()
    {
        using var creds = new TestCredentials();
        var store = new DictionaryStore();
        await using var server = new DataServer(store, DataPlaneFixture.Encode, tls: creds.Valid.For(TlsRole.Worker));
        server.Start();
        Assert.StartsWith("tls://", server.Address, StringComparison.Ordinal);
        using var big = NDArray.Arange<long>(512 * 1024).Reshape(512, 1024);
        store.Values["big"] = big;
        store.Values["text"] = "hello";

        await using (var socketClient = new DataClient(TimeSpan.FromSeconds(5), creds.Valid.For(TlsRole.Client)) { SameHostPath = SameHostPath.Socket })
        {
            FetchResult[] r = await socketClient.FetchAsync(server.Address, ["big", "text"], DataPlaneFixture.Decode, Deadline);
            using var back = (NDArray<long>)r[0].Value!;
            Assert.True(NDArray.ArrayEqual(big, back));
            Assert.Equal("hello", r[1].Value);
            Assert.Equal(0, socketClient.SameHostBytesReceived);
        }

        await using var sameHost = new DataClient(TimeSpan.FromSeconds(5), creds.Valid.For(TlsRole.Client)) { SameHostPath = SameHostPath.ProcessMemory };
        FetchResult[] again = await sameHost.FetchAsync(server.Address, ["big"], DataPlaneFixture.Decode, Deadline);
        using var copied = (NDArray<long>)again[0].Value!;
        Assert.True(NDArray.ArrayEqual(big, copied));
        Assert.Equal(big.NBytes, sameHost.SameHostBytesReceived);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("foreign")]
    [InlineData("expired")]
    [InlineData("plaintext")]
    public async Task APeerWithoutValidCredentialsIsRefusedBeforeAnyByteAndLogged(string kind)
    {
        using var creds = new TestCredentials();
        using var log = new CapturedSecurityLog();
        var store = new DictionaryStore();
        int lookups = 0;
        store.OnGet = _ => Interlocked.Increment(ref lookups);
        store.Values["secret"] = "scattered by another client";
        await using var server = new DataServer(store, DataPlaneFixture.Encode, tls: creds.Valid.For(TlsRole.Worker));
        server.Start();
        var (host, port) = DataClientConnection.ParseAddress(server.Address);

        if (kind == "plaintext")
        {
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await raw.ConnectAsync(IPAddress.Parse(host), port);
            int local = ((IPEndPoint)raw.LocalEndPoint!).Port;
            byte[] request = FetchRequest("secret", WireProtocol.FlagProcessMemory);
            await raw.SendAsync(request);
            byte[] buffer = new byte[4096];
            int n = await ReadAllAsync(raw, buffer);
            Assert.False(n >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(buffer) == WireProtocol.Magic, "the server sent its hello to an unauthenticated peer");
            Assert.DoesNotContain("scattered", System.Text.Encoding.UTF8.GetString(buffer, 0, n), StringComparison.Ordinal);
            string text = await log.WaitForAsync($"refused a connection from 127.0.0.1:{local}", TimeSpan.FromSeconds(20));
            Assert.Contains("the data server", text, StringComparison.Ordinal);
        }
        else
        {
            Distributed.Security? attacker = kind switch
            {
                "foreign" => creds.ForeignCertificate(),
                "expired" => creds.Expired(),
                _ => null,
            };
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await raw.ConnectAsync(IPAddress.Parse(host), port);
            int local = ((IPEndPoint)raw.LocalEndPoint!).Port;
            using var ssl = new SslStream(new NetworkStream(raw, ownsSocket: false), false, AcceptAnyServer);
            var options = new SslClientAuthenticationOptions { TargetHost = "tessera" };
            if (attacker is not null)
            {
                options.ClientCertificateContext = SslStreamCertificateContext.Create(attacker.For(TlsRole.Client)!.Certificate, null, offline: true);
            }

            byte[] buffer = new byte[4096];
            int n = 0;
            try
            {
                // TLS 1.3 lets the client finish first: the server's refusal arrives on the first read.
                await ssl.AuthenticateAsClientAsync(options, Deadline);
                await ssl.WriteAsync(FetchRequest("secret", 0), Deadline);
                n = await ssl.ReadAsync(buffer, Deadline);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                // Refused.
            }

            Assert.Equal(0, n);
            string reason = kind switch { "foreign" => "not signed by this cluster's certificate authority", "expired" => "expired", _ => "no certificate" };
            string text = await log.WaitForAsync($"refused a connection from 127.0.0.1:{local}", TimeSpan.FromSeconds(20));
            Assert.Contains(reason, text, StringComparison.Ordinal);
        }

        Assert.Equal(0, Volatile.Read(ref lookups));
        Assert.DoesNotContain("BEGIN", log.Text, StringComparison.Ordinal);

        // The legitimate peer is still served.
        await using var client = new DataClient(TimeSpan.FromSeconds(5), creds.Valid.For(TlsRole.Client));
        Assert.Equal("scattered by another client", (await client.FetchAsync(server.Address, ["secret"], DataPlaneFixture.Decode, Deadline))[0].Value);
    }

    [Fact]
    public async Task SameHostFlagsWithoutTheProofAreServedOverTheSocket()
    {
        var store = new DictionaryStore();
        await using var server = new DataServer(store, DataPlaneFixture.Encode);
        server.Start();
        using var big = NDArray.Arange<long>(1024 * 1024).Reshape(1024, 1024);
        store.Values["big"] = big;
        var (host, port) = DataClientConnection.ParseAddress(server.Address);
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(IPAddress.Parse(host), port);
        using var framed = new FramedSocket(raw);
        await framed.FillAsync(10, Deadline);
        framed.Consume(6);
        _ = await framed.ReadStringAsync(Deadline);
        await framed.FillAsync(SameUserProof.Size, Deadline);
        framed.Consume(SameUserProof.Size);
        await raw.SendAsync(FetchRequest("big", WireProtocol.FlagProcessMemory | WireProtocol.FlagSharedMemory));
        Assert.Equal(WireProtocol.Found, await framed.ReadByteAsync(Deadline));
        Assert.Equal((byte)WireKind.Array, await framed.ReadByteAsync(Deadline));
    }

    private static byte[] FetchRequest(string key, byte flags)
    {
        byte[] k = System.Text.Encoding.UTF8.GetBytes(key);
        byte[] request = new byte[6 + 4 + k.Length];
        request[0] = WireProtocol.OpFetch;
        request[1] = flags;
        BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(6), k.Length);
        k.CopyTo(request, 10);
        return request;
    }

    private static async Task<int> ReadAllAsync(Socket socket, byte[] buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, Deadline);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (SocketException)
        {
            // Reset by the server: refused.
        }

        return total;
    }

    private static bool AcceptAnyServer(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors) => true;
}
