using System.Runtime.Serialization;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

public sealed class DecodePolicyTests
{
    [Fact]
    public void ForbiddenFrameworkTypeIsRefused()
    {
        // Hand-crafted: an object of type System.IO.FileInfo "by fields", which the encoder itself would never write.
        byte[] bytes = Craft(w =>
        {
            w.WriteTag(WireTag.Object);
            w.WriteType(typeof(FileInfo));
        });
        var e = Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue(bytes));
        Assert.Contains("System.IO.FileInfo", e.Message, StringComparison.Ordinal);
        Assert.Contains("may not appear", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForbiddenTypeInsideAGenericArgumentIsRefused()
    {
        byte[] bytes = Craft(w =>
        {
            w.WriteTag(WireTag.List);
            w.WriteType(typeof(List<FileInfo>));
            w.WriteVarUInt(0);
        });
        var e = Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue(bytes));
        Assert.Contains("System.IO.FileInfo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DelegateToAForbiddenFrameworkMethodIsRefused()
    {
        // Hand-crafted Action<string> over File.Delete: the encoder refuses it, a hostile client might not.
        var delete = typeof(File).GetMethod(nameof(File.Delete), [typeof(string)])!;
        byte[] bytes = Craft(w =>
        {
            w.WriteTag(WireTag.Delegate);
            w.WriteType(typeof(Action<string>));
            w.WriteVarUInt(1);
            w.WriteType(typeof(File));
            w.WriteInt32(delete.MetadataToken);
            w.WriteBlittable(delete.Module.ModuleVersionId);
            w.WriteByte(0);
            w.WriteTag(WireTag.Null);
        });
        var e = Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue(bytes));
        Assert.Contains("System.IO.File", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssembliesOutsideTheManifestAreRefused()
    {
        byte[] bytes = new CodeShipper().EncodeValue(new Point(1, 2, []));
        using var loader = new CodeLoader("c9", _ => throw new InvalidOperationException("not uploaded"));
        var e = Assert.Throws<SerializationException>(() => loader.DecodeValue(bytes));
        Assert.Contains("not in the manifest of client 'c9'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedPayloadsFailClearly()
    {
        byte[] good = new CodeShipper().EncodeValue(new List<string> { "a", "b" });
        Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue(good.AsSpan(0, good.Length - 1)));
        Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue([.. good, 0]));
        Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue([255]));
        Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue([(byte)WireTag.String, 200, 1]));
    }

    [Fact]
    public void DeeplyNestedPayloadsFailInsteadOfOverflowingTheStack()
    {
        const int depth = 200_000;
        byte[] bytes = Craft(w =>
        {
            for (int i = 0; i < depth; i++)
            {
                w.WriteTag(WireTag.Array);
                w.WriteType(typeof(object));
                w.WriteByte(0);
                w.WriteVarUInt(1);
            }

            w.WriteTag(WireTag.Null);
        });
        Assert.Throws<SerializationException>(() => CodeLoader.Default.DecodeValue(bytes));

        object[] root = [null!];
        object[] current = root;
        for (int i = 0; i < depth; i++)
        {
            object[] next = [null!];
            current[0] = next;
            current = next;
        }

        Assert.Throws<InsufficientExecutionStackException>(() => new CodeShipper().EncodeValue(root));
    }

    private static byte[] Craft(Action<PayloadWriter> write)
    {
        PayloadWriter writer = PayloadWriter.Rent("test");
        try
        {
            write(writer);
            return writer.ToArray();
        }
        finally
        {
            writer.Return();
        }
    }
}
