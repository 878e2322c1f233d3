namespace Tessera.IO;

/// <summary>Writes a file under a temporary name beside it and renames it into place, so a failed write never leaves a partial file under the real name.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; errors name <paramref name="operation"/>, the path and the problem.</summary>
    public static void Write(string path, string operation, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"{operation}: cannot write {full}: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with the finished temporary file <paramref name="temp"/>.</summary>
    public static void Commit(string temp, string path, string operation)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"{operation}: cannot write {path}: {e.Message}", e);
        }
    }

    /// <summary>A temporary name beside <paramref name="path"/>.</summary>
    public static string TempName(string path) => $"{Path.GetFullPath(path)}.{Guid.NewGuid():N}.tmp";

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name never claims to be the result.
        }
    }
}
