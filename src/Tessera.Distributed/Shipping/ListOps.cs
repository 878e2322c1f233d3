namespace Tessera.Distributed.Shipping;

/// <summary>Encodes a <see cref="List{T}"/> by its items (typed, so decoding needs no reflection per task).</summary>
internal sealed class ListOps<T> : ICollectionOps
{
    /// <inheritdoc/>
    public void Write(PayloadWriter writer, object collection)
    {
        var list = (List<T>)collection;
        writer.WriteVarUInt((uint)list.Count);
        writer.PushPath("[]");
        foreach (T item in list)
        {
            writer.WriteValue(item);
        }

        writer.PopPath();
    }

    /// <inheritdoc/>
    public object Read(ref PayloadReader reader, int slot)
    {
        int count = reader.ReadCount();
        var list = new List<T>(count);
        reader.Fill(slot, list);
        for (int i = 0; i < count; i++)
        {
            list.Add(reader.ReadAs<T>());
        }

        return list;
    }
}
