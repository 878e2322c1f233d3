namespace Tessera.Distributed.Shipping;

/// <summary>Typed encode/decode of one hash-based collection type, so entries are re-added (hash codes differ per process).</summary>
internal interface ICollectionOps
{
    /// <summary>Writes the comparer (null when default), the count and the entries.</summary>
    void Write(PayloadWriter writer, object collection);

    /// <summary>Reads what <see cref="Write"/> wrote; stores the new collection in object slot <paramref name="slot"/> before its entries.</summary>
    object Read(ref PayloadReader reader, int slot);
}
