namespace Tessera.IO.Stores;

/// <summary>
/// A key/value store of byte strings, the storage under a Zarr hierarchy (zarr-python's <c>MutableMapping</c> store):
/// keys are '/'-separated paths such as <c>"group/array/.zarray"</c> or <c>"array/c/0/1"</c>. Implementations must be
/// safe to call from several threads at once and, to run on a cluster, must ship to workers (plain fields only).
/// </summary>
public interface IStore
{
    /// <summary>Gets a value indicating whether the store refuses writes.</summary>
    bool IsReadOnly { get; }

    /// <summary>A short description of where the store lives (a directory path), for error messages.</summary>
    string Location { get; }

    /// <summary>Whether <paramref name="key"/> holds a value.</summary>
    /// <param name="key">The key.</param>
    bool Exists(string key);

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent.</summary>
    /// <param name="key">The key.</param>
    byte[]? Get(string key);

    /// <summary>
    /// Reads the value of <paramref name="key"/> into <paramref name="destination"/> when it has exactly that length
    /// (the zero-copy path for uncompressed chunks); returns the value's length, or -1 when the key is absent. A value
    /// of another length is not read (the caller reports it, or, as with an empty destination, learns the length to
    /// read it into a buffer of that size).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Where the bytes go.</param>
    long ReadExact(string key, Span<byte> destination);

    /// <summary>
    /// Reads the bytes of <paramref name="key"/> from <paramref name="offset"/> into <paramref name="destination"/>
    /// (zarr-python's partial reads: part of an uncompressed chunk); returns how many bytes were read (fewer at the
    /// value's end), or -1 when the key is absent.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="offset">The first byte to read.</param>
    /// <param name="destination">Where the bytes go.</param>
    long ReadRange(string key, long offset, Span<byte> destination);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value; readers see the old value or the new one, never a part.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    void Set(string key, ReadOnlySpan<byte> value);

    /// <summary>Removes <paramref name="key"/> (nothing happens when it is absent).</summary>
    /// <param name="key">The key.</param>
    void Delete(string key);

    /// <summary>Removes every key under <paramref name="prefix"/> (a '/'-terminated folder, or "" for all).</summary>
    /// <param name="prefix">The folder.</param>
    void DeletePrefix(string prefix);

    /// <summary>The keys under <paramref name="prefix"/> (recursively), relative to the store root.</summary>
    /// <param name="prefix">A '/'-terminated folder, or "" for the whole store.</param>
    IEnumerable<string> List(string prefix);
}
