using Microsoft.Win32.SafeHandles;

namespace Tessera.Distributed.DataPlane;

/// <summary>
/// Same-host hand-over of large arrays through files in /dev/shm (memory-backed): the server writes the array's
/// bytes into a fresh file, the client reads them into its pooled buffer and deletes the file. The server also
/// deletes every file it handed out once the client has moved on, so a client that dies leaves nothing behind.
/// </summary>
internal static unsafe class SharedMemoryFiles
{
    /// <summary>Where the files go.</summary>
    public const string Directory = "/dev/shm";

    /// <summary>File name prefix, so tests (and people) can find strays.</summary>
    public const string Prefix = "tessera-dp-";

    /// <summary>Largest single read/write call.</summary>
    private const int MaxIo = 1 << 30;

    private static long _counter;

    /// <summary>Writes <paramref name="length"/> bytes at <paramref name="source"/> to a new file and returns its path.</summary>
    public static string Write(nint source, long length)
    {
        var path = Path.Combine(Directory, $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        try
        {
            using FileStream file = Files.PrivateDirectory.CreateFile(path, FileOptions.None, length);
            SafeFileHandle handle = file.SafeFileHandle;
            for (long done = 0; done < length;)
            {
                var piece = (int)Math.Min(MaxIo, length - done);
                RandomAccess.Write(handle, new ReadOnlySpan<byte>((byte*)source + done, piece), done);
                done += piece;
            }

            return path;
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes of the file into <paramref name="destination"/>, then deletes it.</summary>
    public static void ReadAndDelete(string path, nint destination, long length)
    {
        if (!path.StartsWith(Directory + "/" + Prefix, StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Data plane: refusing shared-memory path '{path}'.");
        }

        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            for (long done = 0; done < length;)
            {
                var piece = (int)Math.Min(MaxIo, length - done);
                var n = RandomAccess.Read(handle, new Span<byte>((byte*)destination + done, piece), done);
                if (n == 0)
                {
                    throw new EndOfStreamException($"shared-memory file {path} ended after {done} of {length} bytes");
                }

                done += n;
            }
        }
        finally
        {
            Delete(path);
        }
    }

    /// <summary>Deletes a file if it still exists; never throws.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the other side may have deleted it already.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
