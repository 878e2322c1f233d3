namespace Tessera.Distributed.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void ProtocolTypesAreGenerated() =>
        Assert.NotNull(new Tessera.Distributed.Protocol.WorkerHello { Name = "w" });
}
