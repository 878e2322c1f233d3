using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class TaskArgShippingTests
{
    [Fact]
    public void ArgumentTreesRoundTrip()
    {
        var key = new Key("load-1f", 0, 3);
        int k = 10;
        var inline = new TaskSpec(new Key("inc"), TaskFunction.Create<int, int>(x => x + k), TaskArg.Ref(key));
        var shared = new Point(1, 2, []);
        TaskArg[] args =
        [
            TaskArg.Literal(3),
            TaskArg.Literal(shared),
            TaskArg.Ref(key),
            TaskArg.List(TaskArg.Literal("a"), TaskArg.Ref(new Key("b")), TaskArg.List(TaskArg.Literal(null))),
            TaskArg.Inline(inline),
            TaskArg.Literal(shared),
        ];

        var shipper = new CodeShipper();
        TaskArg[] back = CodeLoader.Default.DecodeArgs(shipper.EncodeArgs(args));
        Assert.Equal(args.Length, back.Length);
        Assert.Equal(3, back[0].Value);
        Assert.Equal(TaskArgKind.Ref, back[2].Kind);
        Assert.Equal(key, back[2].Key);
        Assert.Equal(TaskArgKind.List, back[3].Kind);
        Assert.Equal("a", back[3].Items[0].Value);
        Assert.Equal(new Key("b"), back[3].Items[1].Key);
        Assert.Null(back[3].Items[2].Items[0].Value);
        TaskSpec task = back[4].InlineTask!;
        Assert.Equal(new Key("inc"), task.Key);
        Assert.Equal([key], task.Dependencies);
        Assert.Equal(15, task.Function.Invoke([5]));
        Assert.Same(back[1].Value, back[5].Value);
    }

    [Fact]
    public void SmallLiteralArgumentsEncodeCompactly()
    {
        var shipper = new CodeShipper();
        TaskArg[] args = [TaskArg.Literal(1), TaskArg.Literal(2.5), TaskArg.Literal("x")];
        byte[] bytes = shipper.EncodeArgs(args);
        Assert.True(bytes.Length < 24, $"{bytes.Length} bytes");
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(3, CodeLoader.Default.DecodeArgs(shipper.EncodeArgs(args)).Length);
        }
    }
}
