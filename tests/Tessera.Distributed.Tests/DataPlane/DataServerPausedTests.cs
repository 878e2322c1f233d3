using Tessera.Distributed.DataPlane;

namespace Tessera.Distributed.Tests.DataPlane;

/// <summary>A paused worker's data server sends one transfer at a time, but keeps serving.</summary>
public sealed class DataServerPausedTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task APausedServerServesOneConnectionAtATime(bool paused)
    {
        await using var fx = new DataPlaneFixture();
        await using var other = new DataClient(TimeSpan.FromSeconds(5));
        fx.Server.Paused = paused;
        fx.Store.Values["gate"] = "held";
        fx.Store.Values["x"] = "free";
        using var gate = new ManualResetEventSlim();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fx.Store.OnGet = key =>
        {
            if (key == "gate")
            {
                reached.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));   // holds the first transfer until the test lets go
            }
        };

        Task<FetchResult[]> first = fx.Client.FetchAsync(fx.Server.Address, ["gate"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Task<FetchResult[]> second = other.FetchAsync(fx.Server.Address, ["x"], DataPlaneFixture.Decode, DataPlaneFixture.Deadline);
        if (paused)
        {
            // A bounded look for something that must not happen: the second transfer waits for the first.
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(300)));
            Assert.False(second.IsCompleted);
        }
        else
        {
            Assert.Equal("free", (await second.WaitAsync(TimeSpan.FromSeconds(30))).Single().Value);
        }

        gate.Set();
        Assert.Equal("held", (await first.WaitAsync(TimeSpan.FromSeconds(30))).Single().Value);
        Assert.Equal("free", (await second.WaitAsync(TimeSpan.FromSeconds(30))).Single().Value);
    }
}
