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
    /// Reads the whole value of <paramref name="key"/> into a buffer rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>
    /// (the path for compressed chunks: no large-object allocation per chunk); the caller returns the buffer there.
    /// Returns null when the key is absent; <paramref name="length"/> is the value's length (the buffer may be longer).
    /// The default implementation asks <see cref="ReadExact"/> for the length, then reads; a store that can read a value
    /// of unknown length in one open (as <see cref="DirectoryStore"/> does) should override it.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="length">The value's length in bytes; 0 when the key is absent.</param>
    byte[]? ReadPooled(string key, out int length)
    {
        length = 0;
        long size = ReadExact(key, []);
        if (size < 0)
        {
            return null;
        }

        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(checked((int)Math.Max(1, size)));
        long read = ReadExact(key, buffer.AsSpan(0, (int)size));
        if (read != size)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            throw new InvalidDataException($"changed size while it was read ({size}, then {read} bytes): another process is writing it.");
        }

        length = (int)size;
        return buffer;
    }

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
