using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Tessera.Distributed.DataPlane;
using Tessera.Distributed.Tests.DataPlane;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>The data server's limits on a real socket: stalled requests, repeated keys, connection counts.</summary>
public sealed class DataPlaneLimitsTests : IAsyncDisposable
{
    private readonly DictionaryStore _store = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly DataServer _server;
    private readonly DataClient _client = new(TimeSpan.FromSeconds(5));

    public DataPlaneLimitsTests()
    {
        _server = new DataServer(_store, DataPlaneFixture.Encode, limits: new DataPlaneLimits { RequestTimeout = TimeSpan.FromSeconds(1), MaxConnections = 8 });
        _server.Log = _log.Enqueue;
        _server.Start();
        _store.Values["k"] = "value";
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AHalfSentRequest_IsClosedAfterTheTimeout_WhileAnIdleConnectionStays()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using Socket idle = await DataPlaneFuzzer.ConnectAsync(_server.Address, timeout.Token);
        using Socket stalled = await DataPlaneFuzzer.ConnectAsync(_server.Address, timeout.Token);
        byte[] request = DataPlaneFuzzer.Request(0, "k", "other");
        var clock = Stopwatch.StartNew();
        await stalled.SendAsync(request.AsMemory(0, request.Length - 3), SocketFlags.None, timeout.Token);

        // The server closes the stalled connection: the read ends (0 bytes, or a reset) after about the timeout.
        int n;
        try
        {
            n = await stalled.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            n = 0;
        }

        Assert.Equal(0, n);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        Assert.Equal(1, _server.Refusals);
        Assert.Contains(_log, l => l.Contains("RequestTimeout", StringComparison.Ordinal) && l.Contains("127.0.0.1:", StringComparison.Ordinal));

        // The connection that sent nothing is still served (peers keep pooled connections open between requests).
        await idle.SendAsync(DataPlaneFuzzer.Request(0, "k"), SocketFlags.None, timeout.Token);
        byte[] status = new byte[1];
        await DataPlaneFuzzer.ReadExactAsync(idle, status, timeout.Token);
        Assert.Equal(WireProtocol.Found, status[0]);
        Assert.Equal("value", (await _client.FetchAsync(_server.Address, ["k"], DataPlaneFixture.Decode, timeout.Token)).Single().Value);
    }

    [Fact]
    public async Task ARequestRepeatingAKey_IsRefusedBeforeAnyValueIsCopied()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int gets = 0;
        _store.OnGet = _ => Interlocked.Increment(ref gets);
        using Socket socket = await DataPlaneFuzzer.ConnectAsync(_server.Address, timeout.Token);
        await socket.SendAsync(DataPlaneFuzzer.Request(WireProtocol.FlagSharedMemory, [.. Enumerable.Repeat("k", 1000)]), SocketFlags.None, timeout.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => DataPlaneFuzzer.ReadExactAsync(socket, new byte[1], timeout.Token));
        Assert.Equal(0, gets);
        Assert.Contains(_log, l => l.Contains("more than once", StringComparison.Ordinal));
        _store.OnGet = null;
        Assert.Equal("value", (await _client.FetchAsync(_server.Address, ["k"], DataPlaneFixture.Decode, timeout.Token)).Single().Value);
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimit_AreClosedAtOnce_AndServiceResumesWhenTheyGo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var held = new List<Socket>();
        try
        {
            for (int i = 0; i < 8; i++)
            {
                held.Add(await DataPlaneFuzzer.ConnectAsync(_server.Address, timeout.Token));
            }

            // The ninth is accepted by the kernel, then closed by the server before its hello.
            using var extra = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var uri = new Uri(_server.Address);
            await extra.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            await Assert.ThrowsAnyAsync<Exception>(() => DataPlaneFuzzer.ReadExactAsync(extra, new byte[10], timeout.Token));
            Assert.Contains(_log, l => l.Contains("MaxConnections is 8", StringComparison.Ordinal));
        }
        finally
        {
            foreach (Socket s in held)
            {
                s.Dispose();
            }
        }

        await FuzzTests.WaitUntilAsync(() => _server.ConnectionCount == 0, timeout.Token);
        Assert.Equal("value", (await _client.FetchAsync(_server.Address, ["k"], DataPlaneFixture.Decode, timeout.Token)).Single().Value);
    }
}
