using System.Security.Cryptography;

namespace Tessera.Distributed;

/// <summary>
/// Directories only their owner can enter (0700) and files only their owner can read (0600), created so that no
/// other user can read a secret in between, plant a file or redirect one through a symbolic link.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> and any missing parents as 0700 directories; an existing one is accepted only when
    /// it is not a symbolic link and belongs to this user (proved by setting its mode to 0700, which only its owner may).
    /// </summary>
    /// <exception cref="IOException">The directory is a link, or belongs to someone else; the message names it.</exception>
    public static string CreateDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        if (Directory.Exists(full))
        {
            Check(full);
            return full;
        }

        string? parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
        {
            CreateDirectory(parent);
        }

        Directory.CreateDirectory(full, DirectoryMode);
        Check(full);
        return full;
    }

    /// <summary>Writes <paramref name="content"/> to a new 0600 file at <paramref name="path"/> (refused if anything exists there).</summary>
    public static void WriteNewFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options);
        writer.Write(content);
    }

    /// <summary>Replaces <paramref name="path"/> atomically with a 0600 file holding <paramref name="content"/> (never readable by others, even briefly).</summary>
    public static void ReplaceFile(string path, string content)
    {
        string full = Path.GetFullPath(path);
        string temp = full + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp";
        WriteNewFile(temp, content);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

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

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Check(string directory)
    {
        if (new DirectoryInfo(directory).LinkTarget is { } target)
        {
            throw new IOException($"{directory} is a symbolic link (to {target}); a private directory must not be one. Remove it or choose another directory.");
        }

        if (File.GetUnixFileMode(directory) == DirectoryMode)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(directory, DirectoryMode);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{directory} belongs to another user; a private directory must be this user's own. Remove it or choose another directory.", e);
        }
    }
}
