using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

public sealed class DataPlaneFailureTests
{
    [Fact]
    public async Task UnreachableAddressFailsFastNamingIt()
    {
        await using var client = new DataClient(TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<IOException>(() =>
            client.FetchAsync("tcp://127.0.0.1:1", ["x"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline));
        Assert.Contains("tcp://127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task BadAddressIsAnArgumentError()
    {
        await using var client = new DataClient();
        await Assert.ThrowsAsync<ArgumentException>(() => client.FetchAsync("127.0.0.1:80", ["x"], DataPlaneFixture.Decode));
    }

    [Fact]
    public async Task ServerDisposedMidTransferFailsNamingAddressAndKey()
    {
        var fx = new DataPlaneFixture();
        using var gate = new ManualResetEventSlim();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var big = NDArray.Arange<long>(1 << 20);
        fx.Store.Values["big"] = big;
        fx.Store.OnGet = key =>
        {
            if (key == "gate")
            {
                reached.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));   // holds the server mid-response until the test lets go
            }
        };
        var fetch = fx.Client.FetchAsync(fx.Server.Address, ["big", "gate"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var disposing = fx.Server.DisposeAsync().AsTask();
        var error = await Assert.ThrowsAsync<IOException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(fx.Server.Address, error.Message, StringComparison.Ordinal);
        Assert.Contains("'gate'", error.Message, StringComparison.Ordinal);
        gate.Set();
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));
        await fx.Client.DisposeAsync();
    }

    [Fact]
    public async Task TruncatedPayloadIsAnIOErrorNotAHang()
    {
        // A fake server announces a 1 MiB array, sends 1 KiB and closes.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var address = $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}";
        var fake = Task.Run(async () =>
        {
            using var s = await listener.AcceptAsync();
            var hello = new byte[10 + SameUserProof.Size];
            BinaryPrimitives.WriteUInt32LittleEndian(hello, WireProtocol.Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), WireProtocol.Version);
            await s.SendAsync(hello);
            await s.ReceiveAsync(new byte[256]);
            var header = new byte[4 + 8 + 8];
            header[0] = WireProtocol.Found;
            header[1] = (byte)WireKind.Array;
            header[2] = (byte)WireDType.UInt8;
            header[3] = 1;
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), 1 << 20);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), 1 << 20);
            await s.SendAsync(header);
            await s.SendAsync(new byte[1024]);
            s.Shutdown(SocketShutdown.Both);
        });
        await using var client = new DataClient();
        var error = await Assert.ThrowsAsync<IOException>(() =>
            client.FetchAsync(address, ["victim"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(address, error.Message, StringComparison.Ordinal);
        Assert.Contains("'victim'", error.Message, StringComparison.Ordinal);
        await fake;
    }

    [Fact]
    public async Task StalePooledConnectionIsRetriedOnce()
    {
        await using var client = new DataClient(TimeSpan.FromSeconds(5));
        var store = new DictionaryStore();
        store.Values["k"] = "v";
        var first = new DataServer(store, DataPlaneFixture.Encode);
        first.Start();
        var address = first.Address;
        Assert.Equal("v", (await client.FetchAsync(address, ["k"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline))[0].Value);
        await first.DisposeAsync();

        var port = new Uri(address).Port;
        await using var second = new DataServer(store, DataPlaneFixture.Encode, port: port);
        second.Start();
        Assert.Equal("v", (await client.FetchAsync(address, ["k"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline))[0].Value);
    }

    [Fact]
    public async Task CancellationStopsAFetch()
    {
        await using var fx = new DataPlaneFixture();
        using var gate = new ManualResetEventSlim();
        fx.Store.OnGet = _ => gate.Wait(TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var fetch = fx.Client.FetchAsync(fx.Server.Address, ["x"], DataPlaneFixture.Decode, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(30)));
        gate.Set();
    }

    [Fact]
    public async Task SharedMemoryFilesAreRemovedWhenTheClientVanishes()
    {
        await using var fx = new DataPlaneFixture(SameHostPath.SharedMemoryFile);
        using var big = NDArray.Arange<long>(1 << 20);
        fx.Store.Values["big"] = big;
        var (host, port) = DataClientConnection.ParseAddress(fx.Server.Address);
        using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await s.ConnectAsync(IPAddress.Parse(host), port);

            // The shared-memory path is only served to a client that proved it is this user on this host.
            var framed = new FramedSocket(s); // not disposed: that would close the socket
            {
                await framed.FillAsync(10, DataPlaneFixture.Deadline);
                framed.Consume(6);
                _ = await framed.ReadStringAsync(DataPlaneFixture.Deadline);
                await framed.FillAsync(SameUserProof.Size, DataPlaneFixture.Deadline);
                byte[] serverNonce = framed.Buffered[..SameUserProof.Size].ToArray();
                framed.Consume(SameUserProof.Size);
                byte[] nonce = SameUserProof.NewNonce();
                byte[] proof = [WireProtocol.OpProveSameUser, .. nonce, .. SameUserProof.Answer(SameUserProof.Key!, "client", serverNonce, nonce)];
                await s.SendAsync(proof);
                await framed.FillAsync(1 + SameUserProof.Size, DataPlaneFixture.Deadline);
                Assert.Equal(1, framed.Buffered[0]);
                Assert.Equal(0, framed.Buffered.Length - 1 - SameUserProof.Size);
            }

            var key = Encoding.UTF8.GetBytes("big");
            var request = new byte[6 + 4 + key.Length];
            request[0] = WireProtocol.OpFetch;
            request[1] = WireProtocol.FlagSharedMemory;
            BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(2), 1);
            BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(6), key.Length);
            key.CopyTo(request, 10);
            await s.SendAsync(request);

            // Read until the response names a file, then vanish without reading it.
            var received = new List<byte>();
            var buffer = new byte[4096];
            while (!Encoding.UTF8.GetString([.. received]).Contains(SharedMemoryFiles.Prefix, StringComparison.Ordinal))
            {
                var n = await s.ReceiveAsync(buffer, DataPlaneFixture.Deadline);
                Assert.NotEqual(0, n);
                received.AddRange(buffer.AsSpan(0, n));
            }
        }

        await fx.Server.DisposeAsync();
        Assert.Empty(DataPlaneFixture.LeftoverShmFiles());
    }

    [Fact]
    public async Task RefusedProcessMemoryFallsBackToTheSocket()
    {
        await using var fx = new DataPlaneFixture(SameHostPath.ProcessMemory);
        fx.Client.ReadProcessMemory = (_, _, _, _) => false;
        using var big = NDArray.Arange<long>(1 << 20);
        fx.Store.Values["a"] = big;
        fx.Store.Values["b"] = big;
        var results = await fx.Client.FetchAsync(fx.Server.Address, ["a", "b"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        foreach (var r in results)
        {
            using var got = Assert.IsType<NDArray<long>>(r.Value);
            Assert.True(NDArray.ArrayEqual(big, got));
        }

        Assert.Equal(0, fx.Client.SameHostBytesReceived);
        Assert.True(fx.Client.BytesReceived >= 16L << 20);
    }
}
