using System.Globalization;

namespace Tessera.Distributed.Memory;

/// <summary>
/// The files of spilled results: one file per key in a directory of the worker's own, written whole and read
/// whole. Thread-safe (each call uses its own file).
/// </summary>
internal sealed class SpillFiles
{
    private long _next;

    /// <summary>Spills go to <paramref name="directory"/>, created on the first write.</summary>
    public SpillFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="value"/> (see <see cref="SpillCodec"/>) to a new file and returns its path.</summary>
    /// <exception cref="IOException">The disk refused.</exception>
    /// <exception cref="Shipping.UnshippableCaptureException">The value cannot be encoded.</exception>
    public string Write(object? value, Shipping.CodeShipper shipper)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + ".spill");
        try
        {
            SpillCodec.Write(path, value, shipper);
        }
        catch
        {
            Delete(path);
            throw;
        }

        return path;
    }

    /// <summary>The value written to <paramref name="path"/>, decoding user types with <paramref name="loader"/>.</summary>
    public static object? Read(string path, Shipping.CodeLoader loader) => SpillCodec.Read(path, loader);

    /// <summary>Deletes one file; a file already gone is fine.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: DeleteAll removes the directory with it.
        }
    }

    /// <summary>Removes the directory and everything in it.</summary>
    public void DeleteAll()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the local directory is scratch space.
        }
    }
}
