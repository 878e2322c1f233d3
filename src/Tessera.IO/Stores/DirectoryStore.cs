namespace Tessera.IO.Stores;

/// <summary>
/// A store whose keys are files under a directory (zarr-python's <c>DirectoryStore</c>), on a local or shared
/// filesystem: every worker that sees the same path sees the same store. Values are written to a temporary file
/// beside the target and renamed over it, so a reader never sees a half-written value.
/// </summary>
public sealed class DirectoryStore : IStore
{
    private readonly string _root;
    private readonly bool _readOnly;

    /// <summary>Creates a store over <paramref name="path"/> (created on the first write when absent).</summary>
    /// <param name="path">The directory.</param>
    /// <param name="readOnly">Whether to refuse writes; the default is false.</param>
    public DirectoryStore(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _root = Path.GetFullPath(path);
        _readOnly = readOnly;
    }

    /// <inheritdoc/>
    public bool IsReadOnly => _readOnly;

    /// <inheritdoc/>
    public string Location => _root;

    /// <summary>The file that holds <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    public string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains("..", StringComparison.Ordinal) || key.StartsWith('/'))
        {
            throw new ArgumentException($"Store key '{key}' must be a relative path without '..'.", nameof(key));
        }

        return key.Length == 0 ? _root : Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <inheritdoc/>
    public bool Exists(string key) => File.Exists(PathOf(key));

    /// <inheritdoc/>
    public byte[]? Get(string key)
    {
        string file = PathOf(key);
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public long ReadExact(string key, Span<byte> destination)
    {
        string file = PathOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(file, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0 });
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
        catch (DirectoryNotFoundException)
        {
            return -1;
        }

        using (stream)
        {
            long length = stream.Length;
            if (length != destination.Length)
            {
                return length;
            }

            int done = 0;
            while (done < destination.Length)
            {
                int n = stream.Read(destination[done..]);
                if (n == 0)
                {
                    throw new IOException($"Chunk file '{file}' became shorter while it was read ({done} of {length} bytes).");
                }

                done += n;
            }

            return length;
        }
    }

    /// <inheritdoc/>
    public byte[]? ReadPooled(string key, out int length)
    {
        length = 0;
        string file = PathOf(key);
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        using (handle)
        {
            long size = RandomAccess.GetLength(handle);
            if (size > Array.MaxLength)
            {
                throw new InvalidDataException($"Chunk file '{file}' holds {size} bytes, more than one buffer can hold ({Array.MaxLength}); write the array with smaller chunks.");
            }

            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Max(1, size));
            int done = 0;
            while (done < size)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(done, (int)size - done), done);
                if (n == 0)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    throw new IOException($"Chunk file '{file}' became shorter while it was read ({done} of {size} bytes).");
                }

                done += n;
            }

            length = done;
            return buffer;
        }
    }

    /// <inheritdoc/>
    public long ReadRange(string key, long offset, Span<byte> destination)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
        catch (DirectoryNotFoundException)
        {
            return -1;
        }

        using (handle)
        {
            int done = 0;
            while (done < destination.Length)
            {
                int n = RandomAccess.Read(handle, destination[done..], offset + done);
                if (n == 0)
                {
                    break;
                }

                done += n;
            }

            return done;
        }
    }

    /// <inheritdoc/>
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        ThrowIfReadOnly(key);
        string file = PathOf(key);
        string? folder = Path.GetDirectoryName(file);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // A unique temporary name per writer: two tasks writing the same key never share a temporary file.
        string temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, PreallocationSize = value.Length }))
            {
                stream.Write(value);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Delete(string key)
    {
        ThrowIfReadOnly(key);
        File.Delete(PathOf(key));
    }

    /// <inheritdoc/>
    public void DeletePrefix(string prefix)
    {
        ThrowIfReadOnly(prefix);
        string folder = PathOf(prefix.TrimEnd('/'));
        if (prefix.Length == 0)
        {
            foreach (var entry in Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder) : [])
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            return;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <inheritdoc/>
    public IEnumerable<string> List(string prefix)
    {
        string folder = PathOf(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            yield return Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DirectoryStore('{_root}')";

    private void ThrowIfReadOnly(string key)
    {
        if (_readOnly)
        {
            throw new ReadOnlyStoreException($"Cannot write '{key}': the store at '{_root}' was opened read-only; open it with readOnly: false to write.");
        }
    }
}
