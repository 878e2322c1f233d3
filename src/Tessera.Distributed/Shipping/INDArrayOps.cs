namespace Tessera.Distributed.Shipping;

/// <summary>Typed encode/decode of one <see cref="NDArray{T}"/> element type.</summary>
internal interface INDArrayOps
{
    /// <summary>Writes the shape, then one value for a constant or the raw C-order bytes otherwise.</summary>
    void Write(PayloadWriter writer, object array);

    /// <summary>Reads what <see cref="Write"/> wrote into a new pooled array (or a constant).</summary>
    object Read(ref PayloadReader reader);
}
