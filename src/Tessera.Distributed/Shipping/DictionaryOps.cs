namespace Tessera.Distributed.Shipping;

/// <summary>Encodes a <see cref="Dictionary{TKey, TValue}"/> by its comparer and entries.</summary>
internal sealed class DictionaryOps<TKey, TValue> : ICollectionOps
    where TKey : notnull
{
    /// <inheritdoc/>
    public void Write(PayloadWriter writer, object collection)
    {
        var d = (Dictionary<TKey, TValue>)collection;
        writer.WriteValue(ReferenceEquals(d.Comparer, EqualityComparer<TKey>.Default) ? null : d.Comparer);
        writer.WriteVarUInt((uint)d.Count);
        writer.PushPath("[]");
        foreach (KeyValuePair<TKey, TValue> pair in d)
        {
            writer.WriteValue(pair.Key);
            writer.WriteValue(pair.Value);
        }

        writer.PopPath();
    }

    /// <inheritdoc/>
    public object Read(ref PayloadReader reader, int slot)
    {
        object? comparer = reader.ReadValue();
        if (comparer is not null and not IEqualityComparer<TKey>)
        {
            throw reader.Malformed($"a dictionary comparer of type {comparer.GetType()} does not compare {typeof(TKey)}");
        }

        int count = reader.ReadCount();
        var d = new Dictionary<TKey, TValue>(count, (IEqualityComparer<TKey>?)comparer);
        reader.Fill(slot, d);
        for (int i = 0; i < count; i++)
        {
            var key = reader.ReadAs<TKey>();
            d.Add(key, reader.ReadAs<TValue>());
        }

        return d;
    }
}
