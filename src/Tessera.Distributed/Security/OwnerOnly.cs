using System.Text;
using Tessera.Distributed.Files;

namespace Tessera.Distributed;

/// <summary>Secrets as text in owner-only files (0600), on top of <see cref="PrivateDirectory"/> (0700 directories, ownership checked, no links).</summary>
internal static class OwnerOnly
{
    /// <summary>Writes <paramref name="content"/> to a new 0600 file at <paramref name="path"/> (refused if anything exists there).</summary>
    public static void WriteNewFile(string path, string content)
    {
        using FileStream file = PrivateDirectory.CreateFile(path);
        file.Write(Encoding.UTF8.GetBytes(content));
    }

    /// <summary>Replaces <paramref name="path"/> atomically with a 0600 file holding <paramref name="content"/> (never readable by others, even briefly).</summary>
    public static void ReplaceFile(string path, string content) => PrivateDirectory.WriteFile(Path.GetFullPath(path), Encoding.UTF8.GetBytes(content));

    /// <summary>Deletes a directory and everything in it; absent is fine.</summary>
    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SecurityLog.Write($"could not delete {path}: {e.Message}");
        }
    }
}
