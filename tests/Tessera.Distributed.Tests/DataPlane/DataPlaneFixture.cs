using System.Text;
using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

/// <summary>A started server over a <see cref="DictionaryStore"/> and a client; strings travel as UTF-8 through encodeOther.</summary>
internal sealed class DataPlaneFixture : IAsyncDisposable
{
    public DataPlaneFixture(SameHostPath sameHost = SameHostPath.Socket, int maxIo = 0)
    {
        Server = new DataServer(Store, Encode);
        Client = new DataClient(TimeSpan.FromSeconds(5)) { SameHostPath = sameHost };
        if (maxIo > 0)
        {
            Server.MaxIo = maxIo;
            Client.MaxIo = maxIo;
        }

        Server.Start();
    }

    public DictionaryStore Store { get; } = new();

    public DataServer Server { get; }

    public DataClient Client { get; }

    /// <summary>Fails a test that would otherwise hang.</summary>
    public static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public static byte[] Encode(object? value) => Encoding.UTF8.GetBytes((string)value!);

    public static object? Decode(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    public async Task<FetchResult> FetchOneAsync(string key) =>
        (await Client.FetchAsync(Server.Address, [key], Decode, Deadline)).Single();

    public static string[] LeftoverShmFiles() =>
        Directory.GetFiles(SharedMemoryFiles.Directory, $"{SharedMemoryFiles.Prefix}{Environment.ProcessId}-*");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
