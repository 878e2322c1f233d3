using System.Text;
using Tessera.Distributed.Files;
using Tmds.Linux;

namespace Tessera.Distributed.Tests.Files;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed unsafe class PrivateDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-private-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AMissingDirectory_IsCreatedWithMode0700_AndFilesWith0600()
    {
        string dir = PrivateDirectory.Under(_root, "a", "b");
        Assert.Equal(Path.Combine(_root, "a", "b"), dir);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_root, "a")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        string file = Path.Combine(dir, "x.json");
        PrivateDirectory.WriteFile(file, "{}"u8);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal("{}", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void ASymbolicLink_IsRefusedNamingThePath()
    {
        string target = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string link = Path.Combine(_root, "link");
        File.CreateSymbolicLink(link, target);
        var e = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(link));
        Assert.Equal(link, e.Path);
        Assert.Contains(link, e.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryOpenToOthers_IsRefusedNamingItsMode()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_root, "open")).FullName;
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var e = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(dir));
        Assert.Contains(dir, e.Message, StringComparison.Ordinal);
        Assert.Contains("mode 705", e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 700", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryOfAnotherUser_IsRefusedNamingItsOwner()
    {
        string dir;
        if (LibC.geteuid() == 0)
        {
            dir = Directory.CreateDirectory(Path.Combine(_root, "theirs")).FullName;
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            byte[] path = Encoding.UTF8.GetBytes(dir + "\0");
            fixed (byte* p = path)
            {
                Assert.Equal(0, LibC.chown(p, 65534, 65534));
            }
        }
        else
        {
            dir = "/usr"; // root's, which no test user is
        }

        var e = Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.Ensure(dir));
        Assert.Contains(dir, e.Message, StringComparison.Ordinal);
        Assert.Contains("not to you", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASharedLocalDirectory_GetsAPrivateDirectoryInside_AndAPrivateOneIsUsedAsIs()
    {
        string shared = Directory.CreateDirectory(Path.Combine(_root, "shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        string local = PrivateDirectory.ForLocalDirectory(shared);
        Assert.Equal(Path.Combine(shared, "tessera-" + PrivateDirectory.UserId), local);
        Assert.Equal(local, PrivateDirectory.ForLocalDirectory(local));

        // Another user planting tessera-UID as a link into their own directory is caught.
        string planted = Directory.CreateDirectory(Path.Combine(_root, "planted")).FullName;
        string victim = Directory.CreateDirectory(Path.Combine(_root, "victim")).FullName;
        File.CreateSymbolicLink(Path.Combine(victim, "tessera-" + PrivateDirectory.UserId), planted);
        Assert.Throws<PrivateDirectoryException>(() => PrivateDirectory.ForLocalDirectory(victim));
    }

    [Fact]
    public void TheDefaultRoot_IsPrivateToThisUser()
    {
        string root = PrivateDirectory.TempRoot();
        Assert.EndsWith("tessera-" + PrivateDirectory.UserId, root, StringComparison.Ordinal);
        PrivateDirectory.Check(root);
    }
}
