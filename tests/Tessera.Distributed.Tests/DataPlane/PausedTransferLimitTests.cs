using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

public sealed class PausedTransferLimitTests
{
    [Fact]
    public async Task NotPausedEveryTransferGoesAtOnce()
    {
        using var limit = new PausedTransferLimit();
        using PausedTransferLimit.Lease a = await limit.EnterAsync(CancellationToken.None);
        using PausedTransferLimit.Lease b = await limit.EnterAsync(CancellationToken.None);
        Assert.False(a.Held);
        Assert.False(b.Held);
    }

    [Fact]
    public async Task PausedOneTransferAtATimeAndTheNextGoesWhenItEnds()
    {
        using var limit = new PausedTransferLimit { Paused = true };
        PausedTransferLimit.Lease first = await limit.EnterAsync(CancellationToken.None);
        Assert.True(first.Held);

        Task<PausedTransferLimit.Lease> second = limit.EnterAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        first.Dispose();
        using PausedTransferLimit.Lease next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(next.Held);
    }

    [Fact]
    public async Task AWaitingTransferCanBeCancelled()
    {
        using var limit = new PausedTransferLimit { Paused = true };
        using PausedTransferLimit.Lease first = await limit.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        Task<PausedTransferLimit.Lease> waiting = limit.EnterAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
