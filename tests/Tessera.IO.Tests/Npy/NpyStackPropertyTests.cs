using Tessera.IO.Npy;
using Tessera.IO.Tests.Support;

namespace Tessera.IO.Tests.Npy;

/// <summary>Random shapes, chunkings, dtypes and selections round-trip through npy stacks on every scheduler.</summary>
public sealed class NpyStackPropertyTests(Schedulers schedulers) : IClassFixture<Schedulers>, IDisposable
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
        if (scheduler == "cluster")
        {
            // The reads below really run in the worker processes, with Tessera.IO shipped to them.
            using var pids = await DArray.FromFunction(_ => NDArray.Full((long)Environment.ProcessId, 1), [2], ChunkSpec.BlockShape(1)).ComputeAsync();
            Assert.DoesNotContain((long)Environment.ProcessId, pids.ToArray());
        }

        for (int seed = 0; seed < 8; seed++)
        {
            var random = new RoundTrip(seed);
            switch (seed % 4)
            {
                case 0: await Check<double>(random, seed); break;
                case 1: await Check<int>(random, seed); break;
                case 2: await Check<bool>(random, seed); break;
                default: await Check<short>(random, seed); break;
            }
        }
    }

    private async Task Check<T>(RoundTrip random, int seed)
        where T : unmanaged
    {
        var shape = random.Shape();
        var blocks = random.Blocks(shape);
        int axis = random.Axis(shape);
        var selection = random.Selection(shape);
        string what = $"seed {seed}, {typeof(T).Name}, axis {axis}, {RoundTrip.Describe(shape, blocks, selection)}";
        using var dense = NDArray.Wrap(RoundTrip.Values<T>(shape.Aggregate(1L, (a, b) => a * b)), shape);
        string stack = _dir.File($"stack-{seed}");
        await DArray.FromArray(dense, ChunkSpec.BlockShape(blocks)).ToNpyStackAsync(stack, axis);
        var back = DArray.FromNpyStack<T>(stack);
        Assert.True(back.Chunks[axis].SequenceEqual(DArray.FromArray(dense, ChunkSpec.BlockShape(blocks)).Chunks[axis]), what);
        await RoundTrip.AssertMatches(back, dense, selection, what);
    }
}
