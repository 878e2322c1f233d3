using Tessera.IO.Hdf5;
using Tessera.IO.Tests.Support;

namespace Tessera.IO.Tests.Hdf5;

/// <summary>Random shapes, chunkings, dtypes and selections round-trip through HDF5 on every scheduler.</summary>
public sealed class Hdf5PropertyTests(Schedulers schedulers) : IClassFixture<Schedulers>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("sync")]
    [InlineData("threads")]
    [InlineData("cluster")]
    public async Task RoundTrips(string scheduler)
    {
        using var _ = Scheduler.Use(schedulers.Get(scheduler));
        for (int seed = 100; seed < 108; seed++)
        {
            var random = new RoundTrip(seed);
            switch (seed % 4)
            {
                case 0: await Check<float>(random, seed); break;
                case 1: await Check<long>(random, seed); break;
                case 2: await Check<byte>(random, seed); break;
                default: await Check<ulong>(random, seed); break;
            }
        }
    }

    private async Task Check<T>(RoundTrip random, int seed)
        where T : unmanaged
    {
        var shape = random.Shape();
        var blocks = random.Blocks(shape);
        var readBlocks = random.Blocks(shape);
        var selection = random.Selection(shape);
        string what = $"seed {seed}, {typeof(T).Name}, read blocks ({string.Join(", ", readBlocks)}), {RoundTrip.Describe(shape, blocks, selection)}";
        using var dense = NDArray.Wrap(RoundTrip.Values<T>(shape.Aggregate(1L, (a, b) => a * b)), shape);
        string path = _dir.File($"p-{seed}.h5");
        await DArray.FromArray(dense, ChunkSpec.BlockShape(blocks)).ToHdf5Async(path, "data/x", new Hdf5WriteOptions { GzipLevel = seed % 2 == 0 ? 1 : 0, Shuffle = seed % 3 == 0 });
        foreach (var back in new[] { DArray.FromHdf5<T>(path, "data/x"), DArray.FromHdf5<T>(path, "data/x", ChunkSpec.BlockShape(readBlocks)) })
        {
            await RoundTrip.AssertMatches(back, dense, selection, what);
        }
    }
}
