using System.Globalization;
using System.Text;

namespace Tessera.Graphs;

/// <summary>
/// The name of one task in a <see cref="TaskGraph"/>: a string <see cref="Name"/> plus an optional block
/// index (for example <c>('sum-ab12', 3, 4)</c> for the chunk at block (3, 4) of an array layer).
/// Keys compare by value; the hash is computed once at construction, so comparisons are cheap.
/// </summary>
public readonly struct Key : IEquatable<Key>
{
    private static readonly int[] NoIndex = [];
    private readonly int[]? _index;
    private readonly int _hash;

    /// <summary>Creates a key with no block index.</summary>
    /// <param name="name">The key name; must not be empty.</param>
    public Key(string name)
        : this(name, NoIndex, copy: false)
    {
    }

    /// <summary>Creates a key with a block index.</summary>
    /// <param name="name">The key name (usually the layer name); must not be empty.</param>
    /// <param name="index">The block index; copied. May be empty.</param>
    public Key(string name, params ReadOnlySpan<int> index)
        : this(name, index.Length == 0 ? NoIndex : index.ToArray(), copy: false)
    {
    }

    private Key(string name, int[] index, bool copy)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _index = copy ? (int[])index.Clone() : index;
        var h = new HashCode();
        h.Add(name, StringComparer.Ordinal);
        foreach (int i in _index)
        {
            h.Add(i);
        }

        _hash = h.ToHashCode();
    }

    /// <summary>The key name (for array chunks: the layer name, e.g. <c>sum-ab12</c>).</summary>
    public string Name { get; }

    /// <summary>The block index; empty when the key has none.</summary>
    public ReadOnlySpan<int> Index => _index ?? NoIndex;

    /// <summary>The number of block index entries (0 when the key has no index).</summary>
    public int Rank => _index?.Length ?? 0;

    /// <summary>Whether this is the default (uninitialised) key.</summary>
    public bool IsDefault => Name is null;

    /// <summary>Compares two keys by value.</summary>
    public static bool operator ==(Key left, Key right) => left.Equals(right);

    /// <summary>Compares two keys by value.</summary>
    public static bool operator !=(Key left, Key right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Key other)
    {
        if (_hash != other._hash)
        {
            return false;
        }

        if (!ReferenceEquals(Name, other.Name) && !string.Equals(Name, other.Name, StringComparison.Ordinal))
        {
            return false;
        }

        return Index.SequenceEqual(other.Index);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Key k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>Formats like Dask: <c>('sum-ab12', 0, 3)</c>, or just the name when there is no index.</summary>
    public override string ToString()
    {
        if (Name is null)
        {
            return "<default>";
        }

        if (Rank == 0)
        {
            return Name;
        }

        var sb = new StringBuilder();
        sb.Append("('").Append(Name).Append('\'');
        foreach (int i in Index)
        {
            sb.Append(", ").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').ToString();
    }
}
