using System.Buffers.Binary;

namespace Tessera.IO.Codecs;

/// <summary>Zarr v3's "crc32c" codec: appends the CRC-32C (Castagnoli) of the data, little-endian, and checks it on decode.</summary>
internal sealed class Crc32cCodec : ByteCodec
{
    public override string Id => "crc32c";

    public override IReadOnlyList<KeyValuePair<string, object>> Configuration => [];

    public override byte[] Encode(ReadOnlySpan<byte> data)
    {
        var result = new byte[data.Length + 4];
        data.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(data.Length), Crc32c.Compute(data));
        return result;
    }

    public override byte[] Decode(ReadOnlySpan<byte> encoded) => Check(encoded).ToArray();

    public override void DecodeInto(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        var data = Check(encoded);
        if (data.Length != destination.Length)
        {
            throw new InvalidDataException($"crc32c data hold {data.Length} bytes where {destination.Length} were expected.");
        }

        data.CopyTo(destination);
    }

    private static ReadOnlySpan<byte> Check(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 4)
        {
            throw new InvalidDataException($"crc32c data of {encoded.Length} bytes are too short to hold a checksum.");
        }

        var data = encoded[..^4];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(encoded[^4..]);
        uint actual = Crc32c.Compute(data);
        if (stored != actual)
        {
            throw new InvalidDataException($"crc32c checksum mismatch (stored {stored:x8}, computed {actual:x8}): the data are corrupt.");
        }

        return data;
    }
}
