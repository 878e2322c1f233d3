using System.Globalization;
using System.Text;
using Tmds.Linux;

namespace Tessera.Distributed.Files;

/// <summary>
/// Directories and files that only the current user can reach: local directories, spill files, cached assemblies,
/// runtime configs. A directory Tessera creates gets mode 0700 and each file 0600; a directory that already exists
/// is used only when it is a real directory (not a symbolic link), owned by the current user, and closed to group
/// and others. Anything else is refused with a <see cref="PrivateDirectoryException"/> naming the path, so another
/// user of a shared host cannot plant a file where a worker will load it, or read what a worker spills.
/// </summary>
internal static unsafe class PrivateDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The current user's id.</summary>
    public static uint UserId => LibC.geteuid();

    /// <summary>
    /// The user's own directory under the system temp directory, <c>/tmp/tessera-UID</c> (or under <c>$TMPDIR</c>),
    /// created private or checked to be.
    /// </summary>
    public static string TempRoot() => Under(Path.GetTempPath(), "tessera-" + UserId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The local directory of workers and clusters: <paramref name="configured"/> itself when it is already private
    /// to this user or missing (then it is created 0700), else a private <c>tessera-UID</c> directory inside it (so a shared <c>/tmp</c> or a job's
    /// <c>$TMPDIR</c> works); with nothing configured, <see cref="TempRoot"/>.
    /// </summary>
    /// <exception cref="PrivateDirectoryException">The private directory exists but is a link, another user's, or open to others.</exception>
    public static string ForLocalDirectory(string? configured)
    {
        if (configured is null)
        {
            return TempRoot();
        }

        string full = Path.GetFullPath(configured);
        if (!Exists(full))
        {
            // Missing: made here, so made private.
            string? parent = Path.GetDirectoryName(full);
            if (parent is not null)
            {
                Directory.CreateDirectory(parent);
            }

            return Ensure(full);
        }

        try
        {
            Check(full);
            return full;
        }
        catch (PrivateDirectoryException)
        {
            // Shared (or not ours): work in a private directory inside it.
        }

        return Under(full, "tessera-" + UserId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The directory <paramref name="parent"/>/<paramref name="parts"/>…, each part created with mode 0700 when
    /// missing and checked to be private when present. <paramref name="parent"/> itself may be shared (/tmp, a
    /// job's <c>$TMPDIR</c>): it is only required to exist.
    /// </summary>
    /// <exception cref="PrivateDirectoryException">A part is a symbolic link, another user's, or open to others.</exception>
    public static string Under(string parent, params string[] parts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        string path = Path.GetFullPath(parent);
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
        }

        foreach (string part in parts)
        {
            if (part.Length == 0 || part.Contains('/', StringComparison.Ordinal) || part is "." or "..")
            {
                throw new ArgumentException($"'{part}' is not a single directory name.", nameof(parts));
            }

            path = Path.Combine(path, part);
            Ensure(path);
        }

        return path;
    }

    /// <summary>Creates <paramref name="path"/> with mode 0700 if it is missing, then checks that it is private.</summary>
    /// <exception cref="PrivateDirectoryException">It is a symbolic link, another user's, or open to group or others.</exception>
    public static string Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Tessera's private directories need a Unix file system.");
        }

        if (!Exists(path))
        {
            try
            {
                Directory.CreateDirectory(path, DirectoryMode);
            }
            catch (IOException) when (Exists(path))
            {
                // Created meanwhile (by us or by someone else): checked below like any existing one.
            }
        }

        Check(path);
        return path;
    }

    /// <summary>Checks that <paramref name="path"/> is a directory, not a link, owned by the current user, mode 0700 or stricter.</summary>
    /// <exception cref="PrivateDirectoryException">It is not.</exception>
    public static void Check(string path)
    {
        stat st = LStat(path) ?? throw new PrivateDirectoryException(path, $"The private directory {path} does not exist.");
        uint mode = (uint)st.st_mode;
        uint type = mode & (uint)LibC.S_IFMT;
        if (type == (uint)LibC.S_IFLNK)
        {
            throw new PrivateDirectoryException(path, $"{path} is a symbolic link; Tessera keeps its files only in a real directory of your own. Remove the link or choose another directory.");
        }

        if (type != (uint)LibC.S_IFDIR)
        {
            throw new PrivateDirectoryException(path, $"{path} is not a directory. Remove it or choose another directory.");
        }

        uint me = UserId;
        if ((uint)st.st_uid != me)
        {
            throw new PrivateDirectoryException(path, $"{path} belongs to user id {(uint)st.st_uid}, not to you (user id {me}): another user may have created it to read or plant files. Remove it (or ask its owner to) or choose another directory.");
        }

        uint open = mode & 0x3F; // group and other bits (0077)
        if (open != 0)
        {
            throw new PrivateDirectoryException(path, string.Create(CultureInfo.InvariantCulture, $"{path} has mode {Convert.ToString(mode & 0xFFF, 8)}: group or others can reach it. Run 'chmod 700 {path}' or choose another directory."));
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (mode 0600) through a fresh file renamed into place, so readers see all or nothing.</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Tessera's private files need a Unix file system.");
        }

        string tmp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(tmp, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode }))
            {
                stream.Write(bytes);
            }

            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Opens a new file for writing with mode 0600 (fails if it exists).</summary>
    public static FileStream CreateFile(string path, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Tessera's private files need a Unix file system.") : new(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, Options = options, PreallocationSize = preallocationSize, UnixCreateMode = FileMode });

    /// <summary>Opens a log file for writing from its start (mode 0600 when it is created).</summary>
    public static FileStream CreateLog(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("Tessera's private files need a Unix file system.") :
        new(path, new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.ReadWrite, UnixCreateMode = FileMode });

    private static bool Exists(string path) => LStat(path) is not null;

    private static stat? LStat(string path)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(path + "\0");
        stat st;
        fixed (byte* p = bytes)
        {
            if (LibC.lstat(p, &st) != 0)
            {
                return null;
            }
        }

        return st;
    }
}
