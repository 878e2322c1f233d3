namespace Tessera.Distributed.Shipping;

/// <summary>Encodes a <see cref="HashSet{T}"/> by its comparer and items.</summary>
internal sealed class SetOps<T> : ICollectionOps
{
    /// <inheritdoc/>
    public void Write(PayloadWriter writer, object collection)
    {
        var set = (HashSet<T>)collection;
        writer.WriteValue(ReferenceEquals(set.Comparer, EqualityComparer<T>.Default) ? null : set.Comparer);
        writer.WriteVarUInt((uint)set.Count);
        writer.PushPath("[]");
        foreach (T item in set)
        {
            writer.WriteValue(item);
        }

        writer.PopPath();
    }

    /// <inheritdoc/>
    public object Read(ref PayloadReader reader, int slot)
    {
        object? comparer = reader.ReadValue();
        if (comparer is not null and not IEqualityComparer<T>)
        {
            throw reader.Malformed($"a set comparer of type {comparer.GetType()} does not compare {typeof(T)}");
        }

        int count = reader.ReadCount();
        var set = new HashSet<T>(count, (IEqualityComparer<T>?)comparer);
        reader.Fill(slot, set);
        for (int i = 0; i < count; i++)
        {
            set.Add(reader.ReadAs<T>());
        }

        return set;
    }
}
