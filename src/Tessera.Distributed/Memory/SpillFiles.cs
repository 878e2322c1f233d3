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

    /// <summary>Writes <paramref name="bytes"/> to a new file and returns its path.</summary>
    /// <exception cref="IOException">The disk refused.</exception>
    public string Write(byte[] bytes)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + ".spill");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The bytes written to <paramref name="path"/>.</summary>
    public static byte[] Read(string path) => File.ReadAllBytes(path);

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
