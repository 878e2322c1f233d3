using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Distributed.Files;

namespace Tessera.Distributed;

/// <summary>
/// Proves that the peer of a data-plane connection runs on this host as this user, before a same-host path (reading
/// process memory, /dev/shm files) is used. Every process of a user on a host reads one random 32-byte key from
/// <c>/dev/shm/tessera-&lt;uid&gt;/same-host.key</c> (a 0600 file in a 0700 directory on the host's own tmpfs, created once
/// by whichever process comes first). Both ends send a fresh nonce and answer the other's with
/// HMAC-SHA256(key, role ‖ their nonce ‖ own nonce): only a process that could read the file, so the same user (or root)
/// on the same host, can answer, and an answer cannot be replayed on another connection.
/// </summary>
internal static class SameUserProof
{
    /// <summary>Bytes of a nonce and of an answer.</summary>
    public const int Size = 32;

    private static readonly Lazy<byte[]?> CurrentKey = new(LoadKey);

    /// <summary>This user's key on this host, or null where it cannot be had safely (no /dev/shm, a squatted directory).</summary>
    public static byte[]? Key => CurrentKey.Value;

    /// <summary>Where the key lives, for this user.</summary>
    internal static string KeyPath => Path.Combine("/dev/shm", "tessera-" + PrivateDirectory.UserId.ToString(CultureInfo.InvariantCulture), "same-host.key");

    /// <summary>A fresh nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(Size);

    /// <summary>The answer of <paramref name="role"/> ("client" or "server") to <paramref name="theirs"/>.</summary>
    public static byte[] Answer(byte[] key, string role, ReadOnlySpan<byte> theirs, ReadOnlySpan<byte> mine)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes(role), .. theirs, .. mine];
        return HMACSHA256.HashData(key, message);
    }

    /// <summary>Whether <paramref name="answer"/> is <paramref name="role"/>'s right answer (constant time).</summary>
    public static bool Check(byte[] key, string role, ReadOnlySpan<byte> theirs, ReadOnlySpan<byte> mine, ReadOnlySpan<byte> answer) =>
        CryptographicOperations.FixedTimeEquals(Answer(key, role, theirs, mine), answer);

    private static byte[]? LoadKey()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/dev/shm"))
        {
            return null;
        }

        try
        {
            string path = KeyPath;
            PrivateDirectory.Under("/dev/shm", Path.GetFileName(Path.GetDirectoryName(path)!));
            if (!File.Exists(path))
            {
                string temp = path + "." + Environment.ProcessId + ".tmp";
                File.Delete(temp);
                OwnerOnly.WriteNewFile(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Size)));
                try
                {
                    // Never overwrite: the first process to publish its key wins, the others read it.
                    File.Move(temp, path, overwrite: false);
                }
                catch (IOException)
                {
                    File.Delete(temp);
                }
            }

            if (new FileInfo(path).LinkTarget is not null || File.GetUnixFileMode(path) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
            {
                return null;
            }

            byte[] key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length == Size ? key : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            SecurityLog.Write($"same-host transfers are off: {e.Message}");
            return null;
        }
    }
}
