using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Tessera.Distributed;
using Tessera.Distributed.DataPlane;

namespace Tessera.Bench.Compare;

/// <summary>
/// Worker-to-worker transfer: a second copy of this program holds an int64 array of --size MiB behind a DataServer
/// (and behind a plain socket that just streams the same bytes: the 100% reference); this process fetches it over the
/// data plane's socket path, its shared-memory path, and the raw socket, interleaved, and reports medians.
/// </summary>
public static class TransferWorkload
{
    private const int Piece = 4 << 20;

    public static async Task<int> RunAsync(long sizeMib, int rounds, bool secure)
    {
        var nbytes = sizeMib << 20;

        // With security on, both ends use mutual TLS (the server reads its credentials from owner-only files, as a worker does).
        var security = secure ? Security.Temporary() : Security.None;
        using var files = secure ? CredentialFiles.Plan() : null;
        files?.Write(security);
        using var server = StartServer(sizeMib, files?.Directory);
        var address = (await server.StandardOutput.ReadLineAsync())!;
        var rawPort = int.Parse((await server.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        var tls = security.IsEnabled ? Security.FromFiles(files!.CaFile, files.CertFile, files.KeyFile) : null;
        TlsCredentials? client = tls?.For(TlsRole.Client);

        await using var socketClient = new DataClient(tls: client) { SameHostPath = SameHostPath.Socket };
        await using var shmClient = new DataClient(tls: client) { SameHostPath = SameHostPath.SharedMemoryFile };
        await using var vmClient = new DataClient(tls: client) { SameHostPath = SameHostPath.ProcessMemory };
        var raw = new List<double>();
        var sock = new List<double>();
        var shm = new List<double>();
        var vm = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            // Round 0 warms up (JIT, pool, page faults) and is not counted.
            var r = RawFetch(rawPort, nbytes);
            var s = await Fetch(socketClient, address, nbytes);
            var m = await Fetch(shmClient, address, nbytes);
            var v = await Fetch(vmClient, address, nbytes);
            if (round > 0)
            {
                vm.Add(v);
                raw.Add(r);
                sock.Add(s);
                shm.Add(m);
            }
        }

        server.StandardInput.Close();
        await server.WaitForExitAsync();
        double Gbps(List<double> t) => nbytes / Median(t) / 1e9;
        var best = Math.Min(Median(sock), Median(vm));   // what a default DataClient gets (vm, or socket if refused)
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            engine = "tessera-dataplane",
            workload = "transfer",
            size = sizeMib,
            security = secure ? "on" : "off",
            seconds = best,
            socket_gbps = Math.Round(Gbps(sock), 3),
            shm_gbps = Math.Round(Gbps(shm), 3),
            vm_gbps = Math.Round(Gbps(vm), 3),
            raw_gbps = Math.Round(Gbps(raw), 3),
            socket_over_raw = Math.Round(Median(raw) / Median(sock), 3),
            shm_over_raw = Math.Round(Median(raw) / Median(shm), 3),
            vm_over_raw = Math.Round(Median(raw) / Median(vm), 3),
            info = $"median of {rounds}; seconds = faster of socket and process-memory paths",
        }));
        return 0;
    }

    /// <summary>The server side: run by the child process until its stdin closes.</summary>
    public static async Task<int> ServeAsync(long sizeMib, string credentials)
    {
        using var array = NDArray.Arange<long>((sizeMib << 20) / sizeof(long));
        var store = new SingleStore(array);
        var tls = credentials.Length == 0 ? null
            : Security.FromFiles(Path.Combine(credentials, "ca.pem"), Path.Combine(credentials, "worker.pem"), Path.Combine(credentials, "worker.key")).For(TlsRole.Worker);
        await using var server = new DataServer(store, _ => [], tls: tls);
        server.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        raw.Listen(8);
        _ = Task.Run(() => RawServe(raw, array));
        Console.WriteLine(server.Address);
        Console.WriteLine(((IPEndPoint)raw.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static Process StartServer(long sizeMib, string? credentials)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var a in new[] { "compare", "transfer-serve", "--size", sizeMib.ToString(CultureInfo.InvariantCulture), "--credentials", credentials ?? "" })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static async Task<double> Fetch(DataClient client, string address, long nbytes)
    {
        var watch = Stopwatch.StartNew();
        var result = (await client.FetchAsync(address, ["x"], _ => null))[0];
        var seconds = watch.Elapsed.TotalSeconds;
        using var array = (NDArray<long>)result.Value!;
        if (result.NBytes != nbytes || array[array.Size - 1] != array.Size - 1)
        {
            throw new InvalidOperationException("transfer: wrong data");
        }

        return seconds;
    }

    private static unsafe double RawFetch(int port, long nbytes)
    {
        using var destination = NDArray.Empty<long>(nbytes / sizeof(long));
        var watch = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4 << 20 };
        socket.Connect(IPAddress.Loopback, port);
        var p = (byte*)destination.Pointer;
        for (long done = 0; done < nbytes;)
        {
            var n = socket.Receive(new Span<byte>(p + done, (int)Math.Min(Piece, nbytes - done)));
            done += n > 0 ? n : throw new IOException("raw: closed early");
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return destination[destination.Size - 1] == destination.Size - 1 ? seconds : throw new InvalidOperationException("raw: wrong data");
    }

    private static unsafe void RawServe(Socket listener, NDArray<long> array)
    {
        while (true)
        {
            Socket s;
            try
            {
                s = listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using var accepted = s;
            s.SendBufferSize = 4 << 20;
            var p = (byte*)array.Pointer;
            for (long done = 0; done < array.NBytes;)
            {
                done += s.Send(new ReadOnlySpan<byte>(p + done, (int)Math.Min(Piece, array.NBytes - done)));
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed class SingleStore(object value) : IDataStore
    {
        public bool TryGet(string key, out object? result)
        {
            result = value;
            return key == "x";
        }
    }
}
