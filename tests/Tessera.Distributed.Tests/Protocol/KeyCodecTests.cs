using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Tests.Protocol;

public sealed class KeyCodecTests
{
    [Theory]
    [InlineData("MyF-3f2a9b1c")]
    [InlineData("x")]
    public void KeysRoundTrip(string name)
    {
        foreach (Key k in new[] { new Key(name), new Key(name, 0), new Key(name, 3, -1, 70000) })
        {
            Assert.Equal(k, KeyCodec.FromWire(KeyCodec.ToWire(k)));
        }
    }

    [Theory]
    [InlineData("sum-1563e684cca0273f8a2b8adcb174c2e6", "sum")]
    [InlineData("sum-1563e684cca0273f8a2b8adcb174c2e6-partial", "sum")]
    [InlineData("rechunk-merge-0a1b2c3d4e5f6071", "rechunk-merge")]
    [InlineData("MyF-3f2a9b1c4d5e6f70", "MyF")]
    [InlineData("lambda", "lambda")]
    [InlineData("r-0", "r")]
    public void PrefixDropsTheToken(string name, string prefix) =>
        Assert.Equal(prefix, KeyCodec.Prefix(KeyCodec.ToWire(new Key(name, 1, 2))));
}
