namespace Tessera.IO.Codecs;

/// <summary>
/// A bytes-to-bytes codec (a Zarr v2 compressor, a Zarr v3 bytes-to-bytes codec). Instances hold only their
/// settings (plain fields), so a chunk task that captures one ships to a worker.
/// </summary>
internal abstract class ByteCodec
{
    /// <summary>The codec's name in Zarr metadata ("blosc", "zlib", "gzip", "zstd", "crc32c").</summary>
    public abstract string Id { get; }

    /// <summary>Encodes <paramref name="data"/>.</summary>
    public abstract byte[] Encode(ReadOnlySpan<byte> data);

    /// <summary>Decodes <paramref name="encoded"/> to a new array (when the decoded length is not known).</summary>
    public abstract byte[] Decode(ReadOnlySpan<byte> encoded);

    /// <summary>
    /// Decodes <paramref name="encoded"/> straight into <paramref name="destination"/>, which must be exactly the
    /// decoded length; throws <see cref="InvalidDataException"/> when the data decode to another length.
    /// </summary>
    public virtual void DecodeInto(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        byte[] decoded = Decode(encoded);
        if (decoded.Length != destination.Length)
        {
            throw new InvalidDataException($"{Id} data decode to {decoded.Length} bytes where {destination.Length} were expected.");
        }

        decoded.CopyTo(destination);
    }

    /// <summary>The codec's settings as Zarr v2 writes them in <c>.zarray</c> ("compressor") or v3 in a codec's "configuration".</summary>
    public abstract IReadOnlyList<KeyValuePair<string, object>> Configuration { get; }
}
