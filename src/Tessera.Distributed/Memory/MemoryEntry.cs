namespace Tessera.Distributed.Memory;

/// <summary>What the memory manager knows of one key.</summary>
/// <param name="nbytes">The value's size.</param>
internal sealed class MemoryEntry(long nbytes)
{
    /// <summary>The value's size by <c>DataSize.Of</c>.</summary>
    public long NBytes { get; } = nbytes;

    /// <summary>Its place in the least-recently-used list while in memory; null once on disk.</summary>
    public LinkedListNode<string>? Node { get; set; }

    /// <summary>Uses in progress (running tasks, transfers).</summary>
    public int Pins { get; set; }

    /// <summary>Being written to disk.</summary>
    public bool Spilling { get; set; }

    /// <summary>Encoding failed once: kept in memory.</summary>
    public bool Unspillable { get; set; }

    /// <summary>On disk.</summary>
    public bool Spilled => Node is null;
}
